// Save a quiz page's answers in the background while the learner answers, so a
// closed tab or a lost connection loses nothing. Without JavaScript the page
// still works: its "Save and ..." buttons save the same answers.
(function () {
  "use strict";
  var form = document.querySelector("form.quiz-form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var status = form.querySelector(".autosave-status");
  var timer = null;

  function show(state) {
    if (status) {
      status.textContent = status.getAttribute("data-" + state) || "";
    }
  }

  function save() {
    timer = null;
    var data = new FormData(form);
    data.set("go", "stay");
    show("saving");
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" }
    }).then(function (response) {
      show(response.status === 204 ? "saved" : "failed");
    }).catch(function () {
      show("failed");
    });
  }

  function saveSoon(delay) {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(save, delay);
  }

  form.addEventListener("change", function () {
    saveSoon(200);
  });
  // Typing saves after a pause, not on every key.
  form.addEventListener("input", function (event) {
    if (event.target.matches("input[type=text], textarea")) {
      saveSoon(1500);
    }
  });
})();
