// Behaviour declared in the markup, so no page needs an inline script or handler: the
// Content-Security-Policy lets scripts run from ParkOS's own files only.
//   <select data-autosubmit>          sends its form when the choice changes
//   <form data-confirm="Sure?">       asks before it is sent
//   <button data-print>               prints the page
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.submit();
});
document.addEventListener("submit", (event) => {
  const message = event.target.dataset ? event.target.dataset.confirm : undefined;
  if (message && !window.confirm(message)) event.preventDefault();
});
document.addEventListener("click", (event) => {
  if (event.target.closest && event.target.closest("[data-print]")) window.print();
});
