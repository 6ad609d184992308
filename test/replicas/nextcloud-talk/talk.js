/* global document, location, fetch, localStorage, btoa, ReplicaUI, MeetbenchReplicaMedia */
/* meetbench replica of Nextcloud Talk (v21): guest welcome window, top-bar CallButton (.join-call /
   .leave-call), the "Check devices" dialog unless BrowserStorage says showMediaSettings=false, the call view. */
(function () {
  'use strict';
  var h = ReplicaUI.h;
  var token = location.pathname.split('/').pop();
  var topBar = document.getElementById('top-bar');
  var main = document.getElementById('main');
  var dialogs = document.getElementById('dialogs');
  var STORAGE_KEY = 'nextcloud_per_' + btoa('talk') + '_showMediaSettings';
  // the microphone and camera switched off for this conversation (Talk's "Check devices" toggles): the
  // call still starts its local media and disables it (utils/webrtc/index.js)
  var disabled = function (kind) {
    return localStorage.getItem('nextcloud_per_' + btoa('talk') + '_' + kind + 'Disabled_' + token) === 'true';
  };
  var joinClass = ReplicaUI.variant() === 'renamed' ? 'start-call' : 'join-call';
  var displayName = null;
  var media = null;

  function callButton(inDialog) {
    return h('button', {
      class: 'button-vue ' + joinClass + (inDialog ? ' is-media-settings' : ''),
      'aria-label': 'Join call',
      text: 'Join call',
      onclick: function () {
        if (!inDialog && localStorage.getItem(STORAGE_KEY) !== 'false') return mediaSettings();
        dialogs.innerHTML = '';
        joinCall();
      },
    });
  }

  function conversation() {
    topBar.innerHTML = '';
    topBar.appendChild(h('span', { class: 'conversation-name', text: 'Conversation ' + token }));
    topBar.appendChild(callButton(false));
  }

  function mediaSettings() {
    dialogs.appendChild(h('div', { role: 'dialog', class: 'media-settings' }, [h('h2', { text: 'Check devices' }), callButton(true)]));
  }

  function joinCall() {
    topBar.querySelector('.' + joinClass).remove();
    main.appendChild(h('div', { id: 'call-container' }, [h('div', { id: 'videos' })]));
    topBar.appendChild(
      h('button', {
        class: 'button-vue leave-call',
        text: 'Leave call',
        onclick: function () {
          if (media) media.leave();
          document.getElementById('call-container').remove();
          this.remove();
          conversation();
        },
      }),
    );
    MeetbenchReplicaMedia.start({
      room: token,
      display: displayName,
      publish: true,
      disabled: { audio: disabled('audio'), video: disabled('video') },
      onChange: function (m) {
        media = m;
      },
    }).then(function (m) {
      media = m;
    });
  }

  fetch('/ocs/v2.php/cloud/user')
    .then(function (r) {
      return r.ok ? r.json() : null;
    })
    .then(function (user) {
      if (user) {
        displayName = user.ocs.data['display-name'];
        return conversation();
      }
      // GuestWelcomeWindow: a modal that cannot be closed
      var input = h('input', { id: 'textField', type: 'text', placeholder: 'Guest' });
      var submit = h('button', {
        class: 'submit-button',
        disabled: true,
        text: 'Submit name and join',
        onclick: function () {
          displayName = input.value;
          modal.remove();
          conversation();
        },
      });
      input.addEventListener('input', function () {
        if (input.value) submit.removeAttribute('disabled');
        else submit.setAttribute('disabled', '');
      });
      var modal = h('div', { class: 'modal-mask guest-welcome' }, [h('label', { for: 'textField', text: 'Enter your name' }), input, submit]);
      dialogs.appendChild(modal);
    });
})();
