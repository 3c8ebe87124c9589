// GOV.UK Frontend's components enhance pages that already work without JavaScript.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// A print button only makes sense where JavaScript can press print for you.
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
