// GOV.UK Frontend's components enhance pages that already work without JavaScript.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// A print button only makes sense where JavaScript can press print for you.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}

// The Easy Read and language switches reload the page, so they would lose what someone has typed
// into a form on it. The first press warns instead; a second press switches anyway.
const changed = (form) =>
  [...form.elements].some((field) => {
    if (field.type === "hidden" || field.type === "submit" || field.type === "button") return false;
    if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
    if (field.tagName === "SELECT") {
      // With no option marked selected in the page, the browser shows the first: that is no change.
      const defaults = [...field.options].map((option, index) =>
        option.defaultSelected || (index === 0 && !field.multiple && ![...field.options].some((o) => o.defaultSelected)));
      return [...field.options].some((option, index) => option.selected !== defaults[index]);
    }
    return "defaultValue" in field && field.value !== field.defaultValue;
  });

for (const switcher of document.querySelectorAll("[data-page-switch]")) {
  const warning = switcher.querySelector("[data-page-switch-warning]");
  switcher.addEventListener("submit", (event) => {
    const others = [...document.forms].filter((form) => !form.hasAttribute("data-page-switch"));
    if (warning.hidden && others.some(changed)) {
      event.preventDefault();
      warning.hidden = false;
    }
  });
}
