// docs/embedding.md, "A frame as tall as its content": each Switchboard iframe on this page
// takes the height its content needs (the frame posts switchboard:resize)
addEventListener("message", (e) => {  // sb-resize.js: Switchboard iframes take their content's height
  if (!e.data || e.data.type !== "switchboard:resize" || !(e.data.height > 0)) return;
  // if (e.origin !== "https://docs.example") return;  // optional: only frames from your bundle's origin
  for (const f of document.querySelectorAll("iframe"))
    if (f.contentWindow === e.source) f.height = String(Math.min(Math.ceil(e.data.height), 20000));
});
