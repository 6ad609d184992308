/* global window, location, Janus */
/*
 * Media for meetbench's replica pages: the lab's REAL Janus (VideoRoom plugin) through the official janus.js
 * (Debian janus-demos 1.1.2, served under /janus-assets/). A replica reproduces a product's page and signals;
 * its media go through a real SFU so participants really exchange audio and video.
 *
 *   const media = await MeetbenchReplicaMedia.start({ room: 'meetbench-1', display: 'bench1', publish: true,
 *                                                     disabled: { audio: false, video: false },   // optional
 *                                                     onChange: (m) => ... });
 *   media.connected      // own media up: the publisher PC (or, receive-only, a subscriber PC) ICE connected
 *   media.remoteFeeds    // number of remote feeds subscribed
 *   media.leave()
 */
(function () {
  'use strict';

  /** The scenario's room name ends with its number (meetbench-2, room2, 2): the Janus room is that number. */
  function janusRoom(name) {
    var match = /(\d+)$/.exec(String(name || ''));
    return match ? Number(match[1]) : 1;
  }

  function start(options) {
    var room = janusRoom(options.room);
    var display = String(options.display || 'guest').replace(/[^A-Za-z0-9]/g, '') || 'guest';
    var onChange = options.onChange || function () {};
    var state = { connected: false, failed: null, remoteFeeds: 0, publisherPc: null, janus: null, leave: leave };
    var subscribed = {};
    var privateId = null;

    function changed() {
      try {
        onChange(state);
      } catch (e) {
        console.error(e);
      }
    }
    function fail(reason) {
      state.failed = String(reason);
      changed();
    }

    function subscribe(feed) {
      if (subscribed[feed.id]) return;
      subscribed[feed.id] = true;
      var handle = null;
      state.janus.attach({
        plugin: 'janus.plugin.videoroom',
        success: function (h) {
          handle = h;
          handle.send({ message: { request: 'join', room: room, ptype: 'subscriber', streams: [{ feed: feed.id }], private_id: privateId } });
        },
        error: fail,
        onmessage: function (msg, jsep) {
          if (!jsep) return;
          handle.createAnswer({
            jsep: jsep,
            tracks: [{ type: 'data' }],
            success: function (answer) {
              handle.send({ message: { request: 'start', room: room }, jsep: answer });
            },
            error: fail,
          });
        },
        webrtcState: function (up) {
          if (!up) return;
          state.remoteFeeds += 1;
          if (!options.publish) state.connected = true;
          changed();
        },
        onremotetrack: function () {},
      });
    }

    function subscribeAll(list) {
      (list || []).forEach(subscribe);
    }

    function leave() {
      if (state.janus) state.janus.destroy({ cleanupHandles: true });
    }

    return new Promise(function (resolve, reject) {
      Janus.init({
        debug: false,
        callback: function () {
          state.janus = new Janus({
            server: 'http://' + location.hostname + ':8088/janus',
            // never the Google STUN fallback of janus.js: the lab has no way out, and must not try
            iceServers: [],
            success: function () {
              var publisher = null;
              state.janus.attach({
                plugin: 'janus.plugin.videoroom',
                success: function (h) {
                  publisher = h;
                  publisher.send({ message: { request: 'join', room: room, ptype: 'publisher', display: display } });
                  resolve(state);
                },
                error: function (e) {
                  fail(e);
                  reject(new Error(String(e)));
                },
                onmessage: function (msg, jsep) {
                  if (msg.videoroom === 'joined') {
                    privateId = msg.private_id;
                    if (options.publish) {
                      publisher.createOffer({
                        tracks: [
                          { type: 'audio', capture: true, recv: false },
                          { type: 'video', capture: true, recv: false },
                        ],
                        success: function (offer) {
                          publisher.send({ message: { request: 'configure', audio: true, video: true }, jsep: offer });
                        },
                        error: fail,
                      });
                    }
                    subscribeAll(msg.publishers);
                  } else if (msg.videoroom === 'event') {
                    subscribeAll(msg.publishers);
                    if (msg.error) fail(msg.error);
                  }
                  if (jsep) publisher.handleRemoteJsep({ jsep: jsep });
                },
                webrtcState: function (up) {
                  state.publisherPc = publisher.webrtcStuff && publisher.webrtcStuff.pc;
                  if (up) state.connected = true;
                  changed();
                },
                // a medium the product starts switched off: captured and published, its track disabled
                onlocaltrack: function (track, on) {
                  if (on && options.disabled && options.disabled[track.kind]) track.enabled = false;
                },
                onremotetrack: function () {},
              });
            },
            error: function (e) {
              fail(e);
              reject(new Error(String(e)));
            },
          });
        },
      });
    });
  }

  window.MeetbenchReplicaMedia = { start: start, janusRoom: janusRoom };
})();
