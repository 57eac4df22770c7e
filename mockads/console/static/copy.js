// "Copy Code": put the code on the clipboard, as the app's button does, and say so.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  const said = button.parentElement.querySelector(".copied");
  try {
    await navigator.clipboard.writeText(field.value);
    if (said) said.textContent = "Copied";
  } catch (error) {
    field.select();  // no clipboard here (plain HTTP off this machine): select it for Ctrl+C
    if (said) said.textContent = "Select and copy the code";
  }
});
