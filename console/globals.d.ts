// The page loads uPlot as a classic script (/console/uplot.js) before console.js, as a global.
declare const uPlot: typeof import('uplot').default;
