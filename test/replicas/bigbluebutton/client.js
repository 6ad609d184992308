/* global window, document, location, fetch, URLSearchParams, navigator, RTCPeerConnection, ReplicaUI, MeetbenchReplicaMedia */
/* meetbench replica of the BigBlueButton 3.0 HTML5 client: /bigbluebutton/api/enter, div#layout, the audio
   modal with the echo test (a LocalPCLoopback pair: two bare `new RTCPeerConnection()`), the webcam preview,
   and the userdata-bbb_* skips. Media through the lab's real Janus. */
(function () {
  'use strict';
  var h = ReplicaUI.h;
  var app = document.getElementById('app');
  var token = new URLSearchParams(location.search).get('sessionToken');
  var renamed = ReplicaUI.variant() === 'renamed';
  var audioState = 'none';
  var webcamState = 'none';
  var media = null;

  function errorPage(text) {
    ReplicaUI.show(app, h('span', { id: 'error-message', text: text }));
  }

  fetch('/bigbluebutton/api/enter?sessionToken=' + encodeURIComponent(token || ''))
    .then(function (r) {
      return r.json();
    })
    .then(
      function (data) {
        var res = data.response;
        if (res.returncode !== 'SUCCESS') return errorPage(res.message || 'You have been logged out');
        var ud = res.customdata[0] || {};
        var flag = function (k, d) {
          return ud['userdata-bbb_' + k] === undefined ? d : ud['userdata-bbb_' + k] === 'true';
        };
        window.meetingClientSettings = {
          public: {
            app: { autoJoin: true, skipCheck: flag('skip_check_audio', false), listenOnlyMode: flag('listen_only_mode', true) },
            kurento: { enableVideo: true, skipVideoPreview: flag('skip_video_preview', false) },
          },
        };
        layout(res, flag);
      },
      function (e) {
        errorPage(String(e));
      },
    );

  function layout(res, flag) {
    var actions = h('div', { class: 'actions-bar' });
    var modalRoot = h('div', { id: 'modal-root' });
    ReplicaUI.show(
      app,
      h('div', { id: 'layout' }, [
        h('div', { 'data-test': 'userListItemCurrent', text: res.fullname }),
        h('button', {
          'data-test': 'optionsButton',
          text: '⋮',
          onclick: function () {
            modalRoot.appendChild(h('ul', {}, [h('li', { 'data-test': 'optionsLogoutButton', text: 'Leave meeting', onclick: leave })]));
          },
        }),
        actions,
        modalRoot,
      ]),
    );
    var forceListen = flag('force_listen_only', false);
    var autoAudio = flag('auto_join_audio', false) && (forceListen || (flag('skip_check_audio', false) && !flag('listen_only_mode', true)));
    var autoWebcam = flag('auto_share_webcam', false) && flag('skip_video_preview', false);

    function renderActions() {
      actions.innerHTML = '';
      if (audioState === 'none') actions.appendChild(h('button', { 'data-test': 'joinAudio', text: 'Join audio', onclick: audioModal }));
      if (audioState === 'connecting') actions.appendChild(h('span', { 'data-test': 'establishingAudioLabel', text: 'Establishing audio connection' }));
      if (audioState === 'mic') actions.appendChild(h('button', { 'data-test': 'muteMicButton', text: 'Mute' }));
      if (audioState === 'listen') actions.appendChild(h('button', { 'data-test': 'leaveListenOnly', text: 'Leave audio' }));
      if (webcamState === 'none') actions.appendChild(h('button', { 'data-test': 'joinVideo', text: 'Share webcam', onclick: videoPreview }));
      if (webcamState === 'connecting') actions.appendChild(h('div', { 'data-test': 'webcamConnecting', text: 'Connecting' }));
      if (webcamState === 'shared') actions.appendChild(h('button', { 'data-test': 'leaveVideo', text: 'Stop sharing webcam' }));
    }

    // the replica publishes mic and camera on one Janus publisher as soon as the microphone is chosen (BBB
    // uses one PC per medium); the webcam shows as shared once it was chosen and that media is up
    function startMedia(publish) {
      audioState = 'connecting';
      renderActions();
      if (media) return;
      media = {};
      MeetbenchReplicaMedia.start({
        room: res.meetingID,
        display: res.fullname,
        publish: publish,
        onChange: function (m) {
          media = m;
          if (!m.connected) return;
          if (audioState === 'connecting') audioState = publish ? 'mic' : 'listen';
          if (webcamState === 'connecting') webcamState = 'shared';
          renderActions();
        },
      }).then(function (m) {
        media = m;
      });
    }
    function joinMic() {
      startMedia(true);
    }
    function joinListen() {
      startMedia(false);
    }

    function audioModal() {
      var modal = h('div', { 'data-test': 'audioModal' }, [
        h('button', {
          'data-test': 'closeModal',
          text: '×',
          onclick: function () {
            modal.remove();
          },
        }),
        h('button', {
          'data-test': renamed ? 'microphoneButton' : 'microphoneBtn',
          text: 'Microphone',
          onclick: function () {
            echoTest(modal);
          },
        }),
        h('button', {
          'data-test': 'listenOnlyBtn',
          text: 'Listen only',
          onclick: function () {
            modal.remove();
            joinListen();
          },
        }),
      ]);
      modalRoot.appendChild(modal);
    }

    // the local echo test: LocalPCLoopback's pair of bare peer connections, closed after the test
    function echoTest(modal) {
      var localPC = new RTCPeerConnection();
      var loopbackPC = new RTCPeerConnection();
      localPC.onicecandidate = function (e) {
        if (e.candidate) loopbackPC.addIceCandidate(e.candidate);
      };
      loopbackPC.onicecandidate = function (e) {
        if (e.candidate) localPC.addIceCandidate(e.candidate);
      };
      navigator.mediaDevices
        .getUserMedia({ audio: true })
        .then(function (stream) {
          stream.getTracks().forEach(function (t) {
            localPC.addTrack(t, stream);
          });
          return localPC.createOffer();
        })
        .then(function (offer) {
          return localPC.setLocalDescription(offer).then(function () {
            return loopbackPC.setRemoteDescription(offer);
          });
        })
        .then(function () {
          return loopbackPC.createAnswer();
        })
        .then(function (answer) {
          return loopbackPC.setLocalDescription(answer).then(function () {
            return localPC.setRemoteDescription(answer);
          });
        })
        .then(function () {
          modal.innerHTML = '';
          modal.appendChild(h('button', { 'data-test': 'stopHearingButton', text: 'Stop audio feedback' }));
          modal.appendChild(
            h('button', {
              'data-test': 'joinEchoTestButton',
              text: 'Yes',
              onclick: function () {
                localPC.close();
                loopbackPC.close();
                modal.remove();
                joinMic();
              },
            }),
          );
        });
    }

    function videoPreview() {
      var modal = h('div', { 'data-test': 'webcamSettingsModal' });
      modalRoot.appendChild(modal);
      navigator.mediaDevices.getUserMedia({ video: true }).then(function (stream) {
        var video = h('video', { 'data-test': 'mirroredVideoPreview', autoplay: true, muted: true });
        video.srcObject = stream;
        modal.appendChild(video);
        modal.appendChild(
          h('button', {
            'data-test': 'startSharingWebcam',
            text: 'Start sharing',
            onclick: function () {
              stream.getTracks().forEach(function (t) {
                t.stop();
              });
              modal.remove();
              shareWebcam();
            },
          }),
        );
      });
    }

    function shareWebcam() {
      webcamState = media && media.connected ? 'shared' : 'connecting';
      renderActions();
    }

    renderActions();
    if (autoAudio) {
      if (forceListen) joinListen();
      else joinMic();
    } else if (window.meetingClientSettings.public.app.autoJoin) audioModal();
    if (autoWebcam) shareWebcam();
  }

  function leave() {
    if (media) media.leave();
    ReplicaUI.show(app, h('div', { 'data-test': 'meetingEndedModal', text: 'You have left the meeting' }));
  }
})();
