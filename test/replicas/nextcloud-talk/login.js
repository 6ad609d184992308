/* global document, location, URLSearchParams */
/* replica login page: keep redirect_url, show the error after a failed attempt */
(function () {
  var q = new URLSearchParams(location.search);
  document.getElementById('redirect_url').value = q.get('redirect_url') || '/';
  if (q.get('error')) document.querySelector('.wrongPasswordMsg').hidden = false;
})();
