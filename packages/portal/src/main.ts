// The portal's entry (bundled to dist/assets/portal-[hash].js): defines the elements, builds the
// services and hands them to the <portal-app> element index.html contains.
import './app/portal-app.js';
import { createServices } from './app/services.js';

const services = createServices();
const app = document.querySelector('portal-app') ?? document.body.appendChild(document.createElement('portal-app'));
app.services = services;
services.start();
