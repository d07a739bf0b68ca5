// Keep each language's preview in step with its text while the trainer types.
// The HTML comes from the server, rendered and sanitized by the same function as
// what learners read, so the preview cannot disagree with the published page.
// Without JavaScript the form's "Preview" button shows the same thing.
(function () {
  "use strict";
  var form = document.getElementById("module-editor");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var url = form.getAttribute("data-preview-url");
  var token = form.querySelector("input[name=csrf_token]");
  var inputs = form.querySelectorAll("textarea.markdown-input");

  function render(input) {
    var target = document.getElementById(input.getAttribute("data-preview"));
    if (!target) {
      return;
    }
    var data = new FormData();
    data.append("csrf_token", token ? token.value : "");
    data.append("body", input.value);
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
    }).then(function (response) {
      return response.json();
    }).then(function (reply) {
      if (typeof reply.html === "string") {
        target.innerHTML = reply.html;
        target.parentNode.classList.remove("is-empty");
      }
    }).catch(function () {
      // Offline for a moment: the next keystroke or the Preview button tries again.
    });
  }

  Array.prototype.forEach.call(inputs, function (input) {
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { render(input); }, 500);
    });
    if (input.value.trim()) {
      render(input);
    }
  });
})();
