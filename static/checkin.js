// The check-in page: where the browser has a camera and the BarcodeDetector API, scan the
// booking's QR code and submit it; otherwise the typed form works as it is.
(function () {
  'use strict';
  if (!('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  var video = document.getElementById('scanner');
  var input = document.getElementById('checkin-code');
  var form = document.getElementById('checkin-form');
  if (!video || !input || !form) return;
  var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
  navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
    video.srcObject = stream;
    video.hidden = false;
    return video.play();
  }).then(function tick() {
    detector.detect(video).then(function (codes) {
      if (codes.length && codes[0].rawValue) {
        input.value = codes[0].rawValue;
        form.submit();
      } else {
        window.requestAnimationFrame(tick);
      }
    }, function () { window.requestAnimationFrame(tick); });
  }).catch(function () { /* no camera, or refused: the typed code still works */ });
})();
