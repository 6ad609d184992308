/* global document, location, fetch, ReplicaUI, MeetbenchReplicaMedia */
/* meetbench replica of Carbonio meetings (v0.9.10): access page → enter → meeting view. */
(function () {
  'use strict';
  var h = ReplicaUI.h;
  var app = document.getElementById('app');
  var meetingId = decodeURIComponent(location.pathname.split('/').pop());
  var enterId = ReplicaUI.variant() === 'renamed' ? 'joinMeetingButton' : 'enterMeetingButton';
  var camera = false;
  var media = null;

  var cameraButton = h('button', { 'data-testid': 'cameraButton', 'aria-pressed': 'false', text: 'Camera', onclick: function () {
    camera = !camera;
    cameraButton.setAttribute('aria-pressed', String(camera));
  } });
  // disabled until the XMPP/WebSocket networks are up (here: the user session is confirmed)
  var enter = h('button', { 'data-testid': enterId, disabled: true, text: 'Enter', onclick: function () {
    fetch('/services/chats/meetings/' + encodeURIComponent(meetingId) + '/join', { method: 'POST', body: JSON.stringify({ audioStreamEnabled: true, videoStreamEnabled: camera }) })
      .then(function (r) { return r.json(); })
      .then(function (res) { if (res.status === 'ACCEPTED') meeting(); });
  } });
  ReplicaUI.show(app, h('div', { 'data-testid': 'meeting_access_page_view' }, [h('div', { class: 'media-section' }, [cameraButton]), enter]));
  fetch('/services/chats/auth/me').then(function (r) { if (r.ok) enter.removeAttribute('disabled'); });

  function meeting() {
    ReplicaUI.show(app, h('div', { 'data-testid': 'meeting_view_container' }, [
      h('div', { 'data-testid': 'myStreamContainer' }),
      h('div', { 'data-testid': 'meeting-action-bar' }, [
        h('button', { 'data-testid': 'microphone-button', text: 'Mic' }),
        h('button', { 'data-testid': 'video_button', text: 'Video' }),
        h('button', { 'data-testid': 'leave_meeting_button', text: 'Leave', onclick: function () { if (media) media.leave(); ReplicaUI.show(app, h('div', { text: 'You left the meeting' })); } }),
      ]),
    ]));
    // audio always, video when the camera was turned on (Carbonio's VideoOutConnection)
    MeetbenchReplicaMedia.start({ room: meetingId, display: 'carbonio', publish: true, onChange: function (m) { media = m; } }).then(function (m) { media = m; });
  }
})();
