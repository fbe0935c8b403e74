/** The languages of the widgets: Dutch (the source of every text) and English. */
export type Locale = 'nl' | 'en';
