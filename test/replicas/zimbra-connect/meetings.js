/* global document, location, fetch, ReplicaUI, MeetbenchReplicaMedia */
/*
 * meetbench replica of Carbonio's meeting screens (carbonio-ws-collaboration-ui read on 2026-12-03):
 * members: access page (meeting_access_page_view, cameraButton, enterMeetingButton disabled until the
 * session is confirmed, with the tooltip "Assets are loading") → meeting; guests (no session): the guest
 * card ('Welcome to "<name>" virtual room', a name field, "Ready to participate", "Go to your login page")
 * → waiting room ("You're ready!") → a moderator accepts → meeting. In the meeting: meeting_view_container,
 * gridModeView, meeting-action-bar with microphone-button, video_button and "Leave". English labels, or
 * French (fr.json) for a meeting id ending in "-fr". Media: the lab's real Janus (janus-media.js).
 */
(function () {
  'use strict';
  var h = ReplicaUI.h;
  var app = document.getElementById('app');
  var meetingId = decodeURIComponent(location.pathname.split('/').pop());
  var api = '/services/chats/meetings/' + encodeURIComponent(meetingId);
  var fr = /-fr$/.test(meetingId);
  var L = fr
    ? { enter: 'Entrer', ready: 'Prêt à participer', youReady: 'Vous êtes prêt !', leave: 'Quitter' }
    : { enter: 'Enter', ready: 'Ready to participate', youReady: "You're ready!", leave: 'Leave' };
  var enterId = ReplicaUI.variant() === 'renamed' ? 'joinMeetingButton' : 'enterMeetingButton';
  var camera = false;
  var media = null;
  var alert = h('div', { role: 'alert', hidden: true });

  function say(message) {
    alert.textContent = message;
    alert.hidden = false;
  }

  function cameraButton() {
    var button = h('button', {
      'data-testid': 'cameraButton',
      'aria-pressed': String(camera),
      text: 'Camera',
      onclick: function () {
        camera = !camera;
        button.setAttribute('aria-pressed', String(camera));
      },
    });
    return button;
  }

  function join() {
    return fetch(api + '/join', { method: 'POST', body: JSON.stringify({ audioStreamEnabled: true, videoStreamEnabled: camera }) }).then(function (r) {
      return r.json();
    });
  }

  function memberAccessPage() {
    var enter = h('button', {
      'data-testid': enterId,
      disabled: true,
      title: 'Assets are loading',
      text: L.enter,
      onclick: function () {
        join().then(function (res) {
          if (res.status === 'ACCEPTED') meeting();
          else say('join: ' + JSON.stringify(res));
        });
      },
    });
    ReplicaUI.show(app, h('div', { 'data-testid': 'meeting_access_page_view' }, [h('div', { class: 'media-section' }, [cameraButton()]), enter, alert]));
    // the networks are up once the session is confirmed
    enter.removeAttribute('disabled');
    enter.removeAttribute('title');
  }

  function waitingRoom() {
    ReplicaUI.show(
      app,
      h('div', { 'data-testid': 'meeting_access_page_view' }, [h('div', { class: 'media-section' }, [cameraButton()]), h('p', { text: L.youReady }), alert]),
    );
    join().then(function poll(res) {
      if (res.status === 'ACCEPTED') return meeting();
      setTimeout(function () {
        fetch(api + '/queue/me')
          .then(function (r) {
            return r.json();
          })
          .then(function (q) {
            if (q.status === 'ACCEPTED') meeting();
            else poll(q);
          });
      }, 300);
    });
  }

  function guestCard(meetingName) {
    var name = h('input', fr ? { type: 'text' } : { type: 'text', placeholder: 'Enter your name' });
    var ready = h('button', {
      text: L.ready,
      onclick: function () {
        if (!name.value.trim()) return say('a name is needed');
        fetch('/zx/auth/v3/guests?name=' + encodeURIComponent(name.value.trim()), { method: 'POST' }).then(function (r) {
          if (r.ok) waitingRoom();
          else say('guest account refused');
        });
      },
    });
    var login = h('button', {
      text: 'Go to your login page',
      onclick: function () {
        location.href = '/static/login/?destinationUrl=' + encodeURIComponent(location.href);
      },
    });
    ReplicaUI.show(app, h('div', {}, [h('h2', { text: 'Welcome to "' + meetingName + '" virtual room' }), name, ready, login, alert]));
  }

  function meeting() {
    ReplicaUI.show(
      app,
      h('div', { 'data-testid': 'meeting_view_container' }, [
        h('div', { 'data-testid': 'gridModeView' }),
        h('div', { 'data-testid': 'myStreamContainer' }),
        h('div', { 'data-testid': 'meeting-action-bar' }, [
          h('button', { 'data-testid': 'microphone-button', text: 'Mic' }),
          h('button', { 'data-testid': 'video_button', text: 'Video' }),
          h('button', {
            title: L.leave,
            text: L.leave,
            onclick: function () {
              if (media) media.leave();
              ReplicaUI.show(app, h('div', { text: 'You left the meeting' }));
            },
          }),
        ]),
        alert,
      ]),
    );
    // the replica's media: audio and video through the lab's Janus VideoRoom (not Carbonio's media plane)
    MeetbenchReplicaMedia.start({
      room: meetingId.replace(/-fr$/, ''),
      display: 'carbonio',
      publish: true,
      onChange: function (m) {
        media = m;
      },
    }).then(function (m) {
      media = m;
    });
  }

  fetch('/services/chats/auth/me').then(function (r) {
    if (r.ok) return memberAccessPage();
    return fetch('/services/chats/public/meetings/' + encodeURIComponent(meetingId))
      .then(function (m) {
        return m.json();
      })
      .then(function (m) {
        guestCard(m.name);
      });
  });
})();
