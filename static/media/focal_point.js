// The focal point picker: a click on the picture fills the focal point x/y fields (0..1)
// and moves the marker. Without JavaScript the two number fields still work.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  for (const picker of document.querySelectorAll(".focal-point")) {
    const image = picker.querySelector("img");
    const marker = picker.querySelector(".focal-point-marker");
    const fieldX = document.getElementById("id_focal_x");
    const fieldY = document.getElementById("id_focal_y");
    if (!image || !marker || !fieldX || !fieldY) continue;
    const place = () => {
      marker.style.left = `${Number(fieldX.value) * 100}%`;
      marker.style.top = `${Number(fieldY.value) * 100}%`;
    };
    picker.addEventListener("click", (event) => {
      const box = image.getBoundingClientRect();
      const round = (v) => Math.min(1, Math.max(0, Math.round(v * 100) / 100));
      fieldX.value = round((event.clientX - box.left) / box.width);
      fieldY.value = round((event.clientY - box.top) / box.height);
      place();
    });
    fieldX.addEventListener("input", place);
    fieldY.addEventListener("input", place);
    place();
  }
});
