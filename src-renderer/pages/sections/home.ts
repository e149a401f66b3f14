// Início: its own chunk (src-renderer/pages/lazy.ts); the chart library loads only when a chart is drawn.
export { HomePage } from '../home/HomePage';
