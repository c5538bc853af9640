// A short announcement at the bottom of the page (connection lost, reconnected, left the game).

const SHOW_MS = 6000;

export function showToast(text: string): void {
  for (const old of document.querySelectorAll(".toast")) old.remove();
  const toast = document.createElement("div");
  toast.className = "toast";
  toast.setAttribute("role", "alert");
  toast.textContent = text;
  document.body.append(toast);
  window.setTimeout(() => toast.remove(), SHOW_MS);
}
