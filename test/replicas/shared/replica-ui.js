/* global window, document */
/* Small DOM helpers shared by the replica pages (no framework: the products' DOM is reproduced by hand). */
(function () {
  'use strict';
  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === undefined || v === null || v === false) return;
      if (k === 'text') el.textContent = v;
      else if (k.slice(0, 2) === 'on') el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : v);
    });
    (children || []).forEach(function (c) {
      if (c) el.appendChild(c);
    });
    return el;
  }
  /** "renamed" on the variant port: the page's join button carries another name (an upgrade changed it) */
  function variant() {
    var meta = document.querySelector('meta[name="meetbench-replica-variant"]');
    return meta ? meta.getAttribute('content') : 'normal';
  }
  function show(root, el) {
    root.innerHTML = '';
    root.appendChild(el);
  }
  window.ReplicaUI = { h: h, variant: variant, show: show };
})();
