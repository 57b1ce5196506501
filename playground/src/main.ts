import { packageName } from '@capnp-kit/compiler';

const app = document.querySelector('#app');
if (app) app.textContent = `capnp-kit playground (${packageName})`;
