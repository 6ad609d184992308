/* global window, document, location, fetch, URLSearchParams, navigator, localStorage, atob, ReplicaUI, MeetbenchReplicaMedia */
/* meetbench replica of LiveKit Meet (6da2b8eb): PreJoin on /rooms/<room>, direct connect on /custom,
   window.__lk_room.state, the conference layout; choices from localStorage lk-user-choices. */
(function () {
  'use strict';
  var h = ReplicaUI.h;
  var main = document.getElementById('main');
  var renamed = ReplicaUI.variant() === 'renamed';

  // DebugMode's handle; the replica's Room: state disconnected → connecting → connected
  var room = {
    state: 'disconnected',
    name: null,
    media: null,
    disconnect: function () {
      if (room.media) room.media.leave();
      room.state = 'disconnected';
      location.href = '/';
    },
  };
  window.__lk_room = room;

  function choices() {
    try {
      return JSON.parse(localStorage.getItem('lk-user-choices') || '{}');
    } catch {
      return {};
    }
  }

  function connect(serverUrl, token, roomName, publish) {
    room.state = 'connecting';
    var httpUrl = serverUrl.replace(/^ws/, 'http');
    // a LiveKit server validates the token before the signalling socket (/rtc) opens
    return fetch(httpUrl + '/rtc/validate?access_token=' + encodeURIComponent(token))
      .then(function (res) {
        if (!res.ok)
          return res.json().then(function (b) {
            throw new Error('could not connect: ' + b.error);
          });
        return res.json();
      })
      .then(function (grant) {
        room.name = grant.room;
        ReplicaUI.show(
          main,
          h('div', { class: 'lk-video-conference' }, [
            h('div', { class: 'lk-video-conference-inner' }, [
              h('div', { class: 'lk-grid-layout' }, [h('div', { class: 'lk-participant-tile', 'data-lk-local-participant': 'true' })]),
            ]),
            h('div', { class: 'lk-control-bar' }, [
              h('button', {
                class: 'lk-button lk-disconnect-button',
                text: 'Leave',
                onclick: function () {
                  room.disconnect();
                },
              }),
            ]),
          ]),
        );
        return MeetbenchReplicaMedia.start({
          room: grant.room,
          display: grant.identity.split('__')[0],
          publish: publish,
          onChange: function (m) {
            room.media = m;
            if (m.connected) room.state = 'connected';
          },
        });
      })
      .catch(function (e) {
        room.state = 'disconnected';
        ReplicaUI.show(main, h('div', { class: 'lk-error', text: String(e.message || e) }));
      });
  }

  if (location.pathname === '/custom') {
    var q = new URLSearchParams(location.search);
    var token = q.get('token') || '';
    var claims = {};
    try {
      claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    } catch {
      /* validated by the server */
    }
    connect(q.get('liveKitUrl') || '', token, null, !claims.video || claims.video.canPublish !== false);
    return;
  }

  var roomName = decodeURIComponent(location.pathname.split('/').pop());
  var saved = choices();
  var input = h('input', { id: 'username', class: 'lk-form-control', type: 'text', placeholder: 'Username', value: saved.username || '' });
  var join = h('button', {
    class: 'lk-button ' + (renamed ? 'lk-connect-button' : 'lk-join-button'),
    type: 'submit',
    disabled: !saved.username,
    text: 'Join Room',
    onclick: function (e) {
      e.preventDefault();
      var publish = saved.videoEnabled !== false || saved.audioEnabled !== false;
      fetch('/api/connection-details?roomName=' + encodeURIComponent(roomName) + '&participantName=' + encodeURIComponent(input.value))
        .then(function (r) {
          return r.json();
        })
        .then(function (d) {
          connect(d.serverUrl, d.participantToken, d.roomName, publish);
        });
    },
  });
  input.addEventListener('input', function () {
    if (input.value) join.removeAttribute('disabled');
    else join.setAttribute('disabled', '');
  });
  var preview = h('video', { autoplay: true, muted: true });
  ReplicaUI.show(
    main,
    h('div', { class: 'lk-prejoin' }, [
      h('div', { class: 'lk-video-container' }, [preview]),
      h('div', { class: 'lk-button-group-container' }, [h('div', { class: 'lk-button-group audio' }), h('div', { class: 'lk-button-group video' })]),
      h('form', { class: 'lk-username-container' }, [input, join]),
    ]),
  );
  // PreJoin acquires camera and microphone for its preview before joining
  if (saved.videoEnabled !== false)
    navigator.mediaDevices.getUserMedia({ video: true, audio: saved.audioEnabled !== false }).then(
      function (s) {
        preview.srcObject = s;
      },
      function () {},
    );
})();
