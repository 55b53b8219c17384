// i18next set-up: Chinese first, English on request; the choice is kept in localStorage.
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from './api';
import { en } from './locale-en';
import { zh } from './locale-zh';

export type Lang = 'zh-CN' | 'en';
const storageKey = 'kehou.lang';

export function storedLanguage(): Lang {
  return localStorage.getItem(storageKey) === 'en' ? 'en' : 'zh-CN';
}

/** Switches the UI, dayjs and the Accept-Language header the API client sends. */
export function applyLanguage(lang: Lang) {
  localStorage.setItem(storageKey, lang);
  setApiLanguage(lang);
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}

const initial = storedLanguage();
setApiLanguage(initial);
dayjs.locale(initial === 'en' ? 'en' : 'zh-cn');

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zh }, en: { translation: en } },
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export default i18n;
