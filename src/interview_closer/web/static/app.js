// interview-closer: small progressive enhancements. Every page works without this file.
// - copy buttons for script lines and drafted notes
// - a Print button on the close card
// - the decision timeline read back as a date while you type (GET /api/timeline)
// - the debrief kept on this device if you leave the page before saving
(function () {
  "use strict";

  function announce(text) {
    var region = document.getElementById("live-status");
    if (!region) {
      region = document.createElement("p");
      region.id = "live-status";
      region.className = "visually-hidden";
      region.setAttribute("role", "status");
      document.body.appendChild(region);
    }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  function setUpCopy() {
    if (!navigator.clipboard || !window.isSecureContext) {
      return;
    }
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-copy"));
        if (!source) {
          return;
        }
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          button.classList.add("copied");
          announce("Copied to the clipboard.");
          window.setTimeout(function () { button.classList.remove("copied"); }, 1500);
        }, function () {
          announce("Copying did not work: select the text and copy it yourself.");
        });
      });
    });
  }

  function setUpPrint() {
    document.querySelectorAll("button[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fn, wait);
    };
  }

  function setUpTimelines() {
    document.querySelectorAll("input[data-timeline]").forEach(function (input) {
      var output = document.getElementById(input.id + "-preview");
      var baseField = document.getElementById(input.getAttribute("data-timeline"));
      if (!output) {
        return;
      }
      var latest = 0;
      var update = debounce(function () {
        var text = input.value.trim();
        if (!text) {
          output.textContent = "";
          output.className = "preview";
          return;
        }
        var ticket = ++latest;
        var params = new URLSearchParams({ text: text });
        if (baseField && baseField.value) {
          params.set("base", baseField.value.slice(0, 10));
        }
        fetch("/api/timeline?" + params.toString(), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.json(); })
          .then(function (data) {
            if (ticket !== latest) {
              return;
            }
            if (data.ok) {
              output.textContent = data.date
                ? "Reads as " + data.label + ": " + data.how
                : "No date: check-ins will follow the usual timing.";
              output.className = "preview ok";
            } else {
              output.textContent = data.message || "";
              output.className = "preview bad";
            }
          })
          .catch(function () { output.textContent = ""; });
      }, 250);
      input.addEventListener("input", update);
      if (baseField) {
        baseField.addEventListener("change", update);
      }
      if (input.value) {
        update();
      }
    });
  }

  var PENDING = "closer-draft-submitted";

  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.type !== "hidden" && el.type !== "file" && el.type !== "submit" &&
        el.type !== "button";
    });
  }

  function saveDraft(form, key) {
    var data = {};
    fieldsOf(form).forEach(function (el) {
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) {
          data[el.name] = el.value;
        }
      } else if (el.value) {
        data[el.name] = el.value;
      }
    });
    try {
      localStorage.setItem(key, JSON.stringify(data));
    } catch (err) {
      // Storage full or disabled: the form still works, only the safety net is gone.
    }
  }

  function restoreDraft(form, key, status) {
    var raw = null;
    try {
      raw = localStorage.getItem(key);
    } catch (err) {
      return;
    }
    if (!raw || form.querySelector(".field-error")) {
      return;
    }
    var data;
    try {
      data = JSON.parse(raw);
    } catch (err) {
      return;
    }
    var restored = 0;
    fieldsOf(form).forEach(function (el) {
      if (!(el.name in data)) {
        return;
      }
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = data[el.name] === el.value;
      } else if (el.value !== data[el.name]) {
        el.value = data[el.name];
        restored += 1;
      }
    });
    if (restored && status) {
      status.hidden = false;
      status.textContent = "We kept what you typed last time on this device.";
    }
  }

  function setUpDrafts() {
    var pending = null;
    try {
      pending = sessionStorage.getItem(PENDING);
    } catch (err) {
      pending = null;
    }
    var forms = document.querySelectorAll("form[data-draft-key]");
    if (pending && !document.querySelector("form[data-draft-key='" + pending + "']")) {
      // The form was saved and we moved on: its draft is no longer needed.
      try {
        localStorage.removeItem("closer-" + pending);
        sessionStorage.removeItem(PENDING);
      } catch (err) { /* nothing to clean */ }
    }
    forms.forEach(function (form) {
      var raw = form.getAttribute("data-draft-key");
      var key = "closer-" + raw;
      restoreDraft(form, key, form.querySelector("[data-draft-status]"));
      var save = debounce(function () { saveDraft(form, key); }, 300);
      form.addEventListener("input", save);
      form.addEventListener("change", save);
      window.addEventListener("pagehide", function () { saveDraft(form, key); });
      form.addEventListener("submit", function () {
        saveDraft(form, key);
        try {
          sessionStorage.setItem(PENDING, raw);
        } catch (err) { /* ignore */ }
      });
    });
  }

  function setUpBusy() {
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.addEventListener("submit", function () {
        var button = form.querySelector("button[type=submit]");
        form.setAttribute("aria-busy", "true");
        if (button) {
          button.textContent = form.getAttribute("data-busy");
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpCopy();
    setUpPrint();
    setUpTimelines();
    setUpDrafts();
    setUpBusy();
  });
})();
