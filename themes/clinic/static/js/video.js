// Click-to-play videos. gait writes each video of a page's text as a poster
// that links to the video (`.video[data-video-player] > a.video-poster`), so
// the page loads nothing from YouTube or Vimeo. This script turns each link
// into a button; pressing it puts the host's privacy-enhanced player
// (`data-video-player`) in the poster's place. Its words come from the
// <script> element's data attributes (templates/partials/video_script.html).
(function () {
  'use strict';
  var script = document.currentScript;
  var words = (script && script.dataset) || {};
  var playLabel = words.play || 'Play video';
  var note = words.note || '';
  var count = 0;

  function upgrade(box) {
    var link = box.querySelector('a.video-poster');
    var titleEl = box.querySelector('.video-title');
    if (!link || !titleEl) return;
    var title = titleEl.textContent.trim();
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'video-poster';
    while (link.firstChild) button.appendChild(link.firstChild);
    button.setAttribute('aria-label', playLabel + ': ' + title);
    if (note) {
      count += 1;
      var p = document.createElement('p');
      p.className = 'video-note';
      p.id = 'video-note-' + count;
      p.textContent = note.replace('{host}', box.dataset.videoHost || '');
      button.setAttribute('aria-describedby', p.id);
      box.appendChild(p);
    }
    link.replaceWith(button);
    button.addEventListener('click', function () {
      var frame = document.createElement('iframe');
      frame.src = box.dataset.videoPlayer;
      frame.title = title;
      frame.allow = 'autoplay; encrypted-media; picture-in-picture; fullscreen';
      frame.allowFullscreen = true;
      frame.referrerPolicy = 'strict-origin-when-cross-origin';
      box.classList.add('is-playing');
      box.replaceChildren(frame);
      frame.focus();
    });
  }

  document.querySelectorAll('.video[data-video-player]').forEach(upgrade);
})();
