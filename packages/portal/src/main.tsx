/**
 * @module The partner portal's entry: renders the app into `#app`. Every API call goes through
 * `@regen/client` (the SDK is dogfooded); nothing is loaded from outside the stub's origin.
 */
import 'uplot/dist/uPlot.min.css';
import './styles.css';
import { render } from 'preact';
import { App } from './app.tsx';

const root = document.getElementById('app');
if (root) render(<App />, root);
