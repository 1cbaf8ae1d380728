import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { createDefaultApiClient, installApi } from './api/index.js';
import { createAppI18n, savedLocale } from './i18n/index.js';
import { createAppRouter } from './router.js';
import './theme/base.css';

const app = createApp(App);
installApi(app, createDefaultApiClient());
app.use(createPinia());
const locale = savedLocale();
document.documentElement.lang = locale;
app.use(createAppI18n(locale));
app.use(createAppRouter());
app.mount('#app');
