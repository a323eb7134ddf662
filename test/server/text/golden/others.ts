// Golden cases written from each language's rules; see european-main.ts. Hebrew numbers are
// read in the counting form (feminine), as numbers are said on their own.
import type { GoldenCase } from './european-main.ts';

export const ar: GoldenCase[] = [
  ['لدي 3 قطط.', 'لدي ثلاثة قطط.'],
  ['الحرارة 21.5 درجة.', 'الحرارة واحد وعشرون فاصلة خمسة درجة.'],
  ['الحرارة -5 درجات.', 'الحرارة ناقص خمسة درجات.'],
  ['السعر 5 $.', 'السعر خمسة دولار.'],
  ['زيادة 15%.', 'زيادة خمسة عشر بالمئة.'],
  ['المسافة 5 km.', 'المسافة خمسة كيلومتر.'],
  ['الموعد 14:30.', 'الموعد الساعة أربعة عشر و ثلاثون دقيقة.'],
  ['3–5 أيام.', 'من ثلاثة إلى خمسة أيام.'],
  ['أنا & أنت.', 'أنا و أنت.'],
  ['رائع 🎉.', 'رائع.'],
  ['التاريخ 2026-12-03.', 'التاريخ ثلاثة ديسمبر ألفان وستة وعشرون.'],
];

export const he: GoldenCase[] = [
  ['המחיר 5 $.', 'המחיר חמש דולר.'],
  ['הטמפרטורה 21.5 מעלות.', 'הטמפרטורה עשרים ואחת נקודה חמש מעלות.'],
  ['הטמפרטורה -5 מעלות.', 'הטמפרטורה מינוס חמש מעלות.'],
  ['עלייה של 15%.', 'עלייה של חמש עשרה אחוז.'],
  ['מרחק 5 km.', 'מרחק חמש קילומטר.'],
  ['אני & אתה.', 'אני ו אתה.'],
  ['מעולה 🎉.', 'מעולה.'],
  ['3–5 ימים.', 'שלש עד חמש ימים.'],
  ['התאריך 2026-12-03.', 'התאריך שלש בדצמבר אלפיים עשרים ושש.'],
  ['השעה 14:30.', 'השעה ארבע עשרה ו שלשים דקות.'],
  ['המחיר 10 €.', 'המחיר עשר אירו.'],
];

export const ms: GoldenCase[] = [
  ['Saya ada 3 kucing.', 'Saya ada tiga kucing.'],
  ['Suhu 21.5 darjah.', 'Suhu dua puluh satu perpuluhan lima darjah.'],
  ['Suhu -5 darjah.', 'Suhu minus lima darjah.'],
  ['Harga $12.50.', 'Harga dua belas dolar dan lima puluh sen.'],
  ['Naik 15%.', 'Naik lima belas peratus.'],
  ['Jarak 5 km.', 'Jarak lima kilometer.'],
  ['Jumpa 14:30.', 'Jumpa pukul empat belas tiga puluh.'],
  ['Tunggu 3–5 hari.', 'Tunggu tiga hingga lima hari.'],
  ['Saya & awak.', 'Saya dan awak.'],
  ['Hebat 🎉!', 'Hebat!'],
  ['Tarikh 2026-12-03.', 'Tarikh tiga Disember dua ribu dua puluh enam.'],
  ['Yang ke-3.', 'Yang ketiga.'],
];

export const sw: GoldenCase[] = [
  ['Nina paka 3.', 'Nina paka tatu.'],
  ['Joto ni 21.5.', 'Joto ni ishirini na moja nukta tano.'],
  ['Joto ni -5.', 'Joto ni minus tano.'],
  ['Bei ni $5.', 'Bei ni dola tano.'],
  ['Ongezeko la 15%.', 'Ongezeko la asilimia kumi na tano.'],
  ['Umbali ni 5 km.', 'Umbali ni kilomita tano.'],
  ['Mimi & wewe.', 'Mimi na wewe.'],
  ['Safi 🎉!', 'Safi!'],
  ['Siku 3–5.', 'Siku tatu hadi tano.'],
  ['Tarehe 2026-12-03.', 'Tarehe tatu Desemba elfu mbili ishirini na sita.'],
  ['Uzito ni 2 kg.', 'Uzito ni kilo mbili.'],
];
