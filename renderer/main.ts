import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createDefaultApiClient, installApi } from './api/index.js';
import { createAppI18n } from './i18n/index.js';
import { createAppRouter } from './router.js';
import './theme/base.css';

const app = createApp(App);
installApi(app, createDefaultApiClient());
app.use(createPinia());
app.use(createAppI18n());
app.use(createAppRouter());
app.mount('#app');
