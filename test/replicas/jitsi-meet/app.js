/* global window, document, location, fetch, ReplicaUI, MeetbenchReplicaMedia */
/* meetbench replica of the Jitsi Meet web client (@881e4bf8): hash config, prejoin screen, lobby password,
   APP.conference.{isJoined,getConnectionState,hangup}. Media through the lab's real Janus. */
(function () {
  'use strict';
  var h = ReplicaUI.h;
  var root = document.getElementById('react');
  var room = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() || 'lobbyroom');

  // urlObjectToString writes key=encodeURIComponent(JSON.stringify(value)); dotted keys nest
  var config = { prejoinConfig: { enabled: true }, p2p: { enabled: true } };
  var userInfo = {};
  location.hash
    .replace(/^#/, '')
    .split('&')
    .filter(Boolean)
    .forEach(function (pair) {
      var i = pair.indexOf('=');
      var key = decodeURIComponent(pair.slice(0, i));
      var value;
      try {
        value = JSON.parse(decodeURIComponent(pair.slice(i + 1)));
      } catch {
        return;
      }
      var parts = key.split('.');
      var target = parts[0] === 'config' ? config : parts[0] === 'userInfo' ? userInfo : null;
      if (!target) return;
      for (var p = 1; p < parts.length - 1; p++) target = target[parts[p]] = target[parts[p]] || {};
      target[parts[parts.length - 1]] = value;
    });
  var prejoin = config.prejoinPageEnabled === false ? false : config.prejoinConfig.enabled !== false;
  var receiveOnly = config.startWithAudioMuted === true && config.startWithVideoMuted === true;

  var media = null;
  var joined = false;
  window.APP = {
    conference: {
      isJoined: function () {
        return joined;
      },
      getConnectionState: function () {
        return media && media.connected ? 'connected' : 'checking';
      },
      getP2PConnectionState: function () {
        return null;
      },
      listMembers: function () {
        return [];
      },
      hangup: function () {
        if (media) media.leave();
        joined = false;
        show(h('div', { id: 'left', text: 'You left the meeting' }));
      },
      _config: config,
    },
  };

  function show(el) {
    ReplicaUI.show(root, el);
  }

  function conference(name) {
    var page = h('div', { id: 'videoconference_page' }, [
      h('div', { id: 'largeVideoContainer' }),
      h('div', { class: 'toolbox' }, [
        h('button', {
          'aria-label': 'Leave the meeting',
          text: 'Leave',
          onclick: function () {
            window.APP.conference.hangup();
          },
        }),
      ]),
    ]);
    show(page);
    MeetbenchReplicaMedia.start({
      room: room,
      display: name,
      publish: !receiveOnly,
      onChange: function (m) {
        media = m;
      },
    }).then(
      function (m) {
        media = m;
        // the MUC join: in the replica, the room's "joined" reply of the SFU
        joined = true;
      },
      function (e) {
        console.error('conference failed', e);
      },
    );
  }

  function lobby(name) {
    var input = h('input', { 'data-testid': 'lobby.password', type: 'password' });
    var error = h('div', { class: 'lobby-error' });
    var form = h('div', { class: 'lobby-password', style: 'display:none' }, [
      input,
      h('button', {
        'data-testid': 'lobby.passwordJoinButton',
        text: 'Join meeting',
        onclick: function () {
          fetch('/_replica/check-password?room=' + encodeURIComponent(room) + '&password=' + encodeURIComponent(input.value)).then(function (res) {
            if (res.ok) conference(name);
            else error.textContent = 'Password is incorrect';
          });
        },
      }),
      error,
    ]);
    show(
      h('div', { class: 'lobby-screen' }, [
        h('h1', { text: 'You are in the lobby' }),
        h('button', {
          'data-testid': 'lobby.enterPasswordButton',
          text: 'Enter meeting password',
          onclick: function () {
            form.style.display = '';
          },
        }),
        form,
      ]),
    );
  }

  function enter(name) {
    if (/^locked/.test(room)) lobby(name);
    else conference(name);
  }

  if (!prejoin) {
    enter(userInfo.displayName || 'Fellow Jitster');
    return;
  }
  var nameInput = h('input', { id: 'premeeting-name-input', placeholder: 'Enter your name', value: userInfo.displayName || '' });
  var joinId = ReplicaUI.variant() === 'renamed' ? 'prejoin.joinConference' : 'prejoin.joinMeeting';
  show(
    h('div', { 'data-testid': 'prejoin.screen' }, [
      h('h1', { text: room }),
      nameInput,
      h('div', {
        'data-testid': joinId,
        role: 'button',
        tabindex: '0',
        text: 'Join meeting',
        onclick: function () {
          enter(nameInput.value || 'Fellow Jitster');
        },
      }),
    ]),
  );
})();
