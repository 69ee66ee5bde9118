//! The page's one stylesheet: A4 print with a page break before the second page; colours per
//! series and per day kind (each plot also marks with shape or symbol, never colour alone).

pub const CSS: &str = r#"
@page { size: A4; margin: 10mm; }
body { font: 11px/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #222; max-width: 190mm; margin: 0 auto; }
@media screen { body { margin: 16px auto; padding: 0 8px; } }
h1 { font-size: 17px; margin: 0 0 2px; }
p { margin: 2px 0; }
.meta { color: #444; }
.disclaimer { font-size: 9.5px; color: #555; border-left: 3px solid #ccc; padding-left: 6px; margin: 3px 0 4px; }
ul.facts { margin: 4px 0 2px; padding-left: 14px; }
ul.facts li { margin: 0 0 1px; }
.doses { font-size: 10px; margin: 2px 0 4px; }
.none { color: #555; font-style: italic; margin: 6px 0; }
figure { margin: 5px 0 0; break-inside: avoid; }
figcaption { font-weight: bold; font-size: 11px; }
.period { font-weight: normal; color: #666; margin-left: 6px; }
svg { width: 100%; height: auto; display: block; }
svg text { font-size: 9px; fill: #333; }
.unit { fill: #666; font-style: italic; }
.row-name { font-weight: bold; }
.axis line { stroke: #666; stroke-width: 1; }
line.grid { stroke: #e3e3e3; stroke-width: 1; }
svg polyline.line { fill: none; stroke-width: 1.4; }
.dashed { stroke-dasharray: 5 3; }
.ceiling { stroke: #d35400; stroke-width: 1.3; }
.band { fill: #d4efdf; stroke: none; }
.pain { stroke: #c0392b; fill: #c0392b; }
.stiffness { stroke: #2471a3; fill: #2471a3; }
.during { stroke: #7d3c98; fill: #7d3c98; }
.left { stroke: #7d3c98; fill: #7d3c98; }
.right { stroke: #c0392b; fill: #c0392b; }
.after { stroke: #ca6f1e; fill: #ca6f1e; }
.after.line { stroke-dasharray: 3 2; }
.rung { stroke: #1f618d; fill: #1f618d; }
.mark.up { fill: #1e8449; }
.mark.down { fill: #c0392b; }
.day { stroke: #999; stroke-width: 0.5; }
.k-done { fill: #58d68d; }
.k-partial { fill: #d5f5e3; }
.k-rest { fill: #f4f6f6; }
.k-flare { fill: #ec7063; }
.k-missed { fill: #fadbd8; }
text.sym { font-size: 10px; fill: #111; }
.bar { fill: #aed6f1; stroke: none; }
.bar.over { fill: #f5b041; }
.cap { stroke: #1a5276; stroke-width: 2; }
.run { fill: #1a5276; stroke: #1a5276; }
.painful-run { fill: #c0392b; stroke: #c0392b; }
.ev-0 { fill: #1f618d; } .ev-1 { fill: #ec7063; } .ev-2 { fill: #ca6f1e; } .ev-3 { fill: #7d3c98; } .ev-4 { fill: #16a085; }
ol.events { font-size: 9.5px; margin: 4px 0 0; padding-left: 20px; }
ol.events li { margin: 0 0 1px; }
.kind { color: #555; font-style: italic; }
.settled { color: #1e6b3a; }
.page-break { break-before: page; }
"#;
