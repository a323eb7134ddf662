/**
 * The words numbers come with, per language: decimal separator, percent, currencies, units,
 * ranges, clock times and the symbols & + = @ /. Written from each language's usage; word forms
 * are "one/other" or, for Polish and Russian, "one/few/many" (picked with Intl.PluralRules).
 */
import type { LanguageCode } from '../../shared/languages.ts';

export const UNIT_SYMBOLS = ['°C', '°F', 'km/h', 'km', 'm', 'cm', 'mm', 'kg', 'g', 'l', 'm²', 'GB', 'MB', 'TB', 'kWh'] as const;
export const CURRENCY_SYMBOLS = ['€', '$', '£', '¥', '₹'] as const;
export type UnitSymbol = (typeof UNIT_SYMBOLS)[number];
export type CurrencySymbol = (typeof CURRENCY_SYMBOLS)[number];

interface Row {
  /** Decimal separator as the language writes it; the other one groups thousands. */
  decimal: ',' | '.';
  /** Templates: {n} the number, {a}/{b} range ends, {h}/{m} hours and minutes. */
  percent: string;
  range: string;
  time: string;
  hour: string;
  /** Units and currencies, in the order of UNIT_SYMBOLS and CURRENCY_SYMBOLS, '|' between them. */
  units: string;
  currencies: string;
  /** Word between whole currency units and cents ('' when none: "zwölf Euro neunundneunzig"). */
  and: string;
  /** Cent words when the language says them ("fifty-six cents"). */
  cents?: string;
  /** & + = @ / . as words, '|' between them. */
  symbols: string;
  /** Unit words before the number (Swahili "kilomita tano"). */
  unitFirst?: boolean;
  /** No space between number and unit (Chinese, Japanese, Korean). */
  tight?: boolean;
}

const ROWS: Record<LanguageCode, Row> = {
  en: { decimal: '.', percent: '{n} percent', range: '{a} to {b}', time: '{h} {m}', hour: "{h} o'clock",
    units: 'degree Celsius/degrees Celsius|degree Fahrenheit/degrees Fahrenheit|kilometer per hour/kilometers per hour|kilometer/kilometers|meter/meters|centimeter/centimeters|millimeter/millimeters|kilogram/kilograms|gram/grams|liter/liters|square meter/square meters|gigabyte/gigabytes|megabyte/megabytes|terabyte/terabytes|kilowatt hour/kilowatt hours',
    currencies: 'euro/euros|dollar/dollars|pound/pounds|yen|rupee/rupees', and: 'and', cents: 'cent/cents', symbols: 'and|plus|equals|at|or|dot' },
  de: { decimal: ',', percent: '{n} Prozent', range: '{a} bis {b}', time: '{h} Uhr {m}', hour: '{h} Uhr',
    units: 'Grad Celsius|Grad Fahrenheit|Kilometer pro Stunde|Kilometer|Meter|Zentimeter|Millimeter|Kilogramm|Gramm|Liter|Quadratmeter|Gigabyte|Megabyte|Terabyte|Kilowattstunde/Kilowattstunden',
    currencies: 'Euro|Dollar|Pfund|Yen|Rupie/Rupien', and: '', symbols: 'und|plus|gleich|at|oder|Punkt' },
  fr: { decimal: ',', percent: '{n} pour cent', range: '{a} à {b}', time: '{h} heures {m}', hour: '{h} heures',
    units: 'degré Celsius/degrés Celsius|degré Fahrenheit/degrés Fahrenheit|kilomètre par heure/kilomètres par heure|kilomètre/kilomètres|mètre/mètres|centimètre/centimètres|millimètre/millimètres|kilogramme/kilogrammes|gramme/grammes|litre/litres|mètre carré/mètres carrés|gigaoctet/gigaoctets|mégaoctet/mégaoctets|téraoctet/téraoctets|kilowattheure/kilowattheures',
    currencies: 'euro/euros|dollar/dollars|livre/livres|yen/yens|roupie/roupies', and: '', symbols: 'et|plus|égale|arobase|ou|point' },
  es: { decimal: ',', percent: '{n} por ciento', range: '{a} a {b}', time: '{h} y {m}', hour: '{h} en punto',
    units: 'grado Celsius/grados Celsius|grado Fahrenheit/grados Fahrenheit|kilómetro por hora/kilómetros por hora|kilómetro/kilómetros|metro/metros|centímetro/centímetros|milímetro/milímetros|kilogramo/kilogramos|gramo/gramos|litro/litros|metro cuadrado/metros cuadrados|gigabyte/gigabytes|megabyte/megabytes|terabyte/terabytes|kilovatio hora/kilovatios hora',
    currencies: 'euro/euros|dólar/dólares|libra/libras|yen/yenes|rupia/rupias', and: 'con', symbols: 'y|más|igual a|arroba|o|punto' },
  it: { decimal: ',', percent: '{n} per cento', range: 'da {a} a {b}', time: '{h} e {m}', hour: 'le {h}',
    units: 'grado Celsius/gradi Celsius|grado Fahrenheit/gradi Fahrenheit|chilometro orario/chilometri orari|chilometro/chilometri|metro/metri|centimetro/centimetri|millimetro/millimetri|chilogrammo/chilogrammi|grammo/grammi|litro/litri|metro quadrato/metri quadrati|gigabyte|megabyte|terabyte|chilowattora',
    currencies: 'euro|dollaro/dollari|sterlina/sterline|yen|rupia/rupie', and: 'e', symbols: 'e|più|uguale|chiocciola|o|punto' },
  pt: { decimal: ',', percent: '{n} por cento', range: '{a} a {b}', time: '{h} e {m}', hour: '{h} horas',
    units: 'grau Celsius/graus Celsius|grau Fahrenheit/graus Fahrenheit|quilómetro por hora/quilómetros por hora|quilómetro/quilómetros|metro/metros|centímetro/centímetros|milímetro/milímetros|quilograma/quilogramas|grama/gramas|litro/litros|metro quadrado/metros quadrados|gigabyte/gigabytes|megabyte/megabytes|terabyte/terabytes|quilowatt-hora/quilowatts-hora',
    currencies: 'euro/euros|dólar/dólares|libra/libras|iene/ienes|rupia/rupias', and: 'e', cents: 'cêntimo/cêntimos', symbols: 'e|mais|igual a|arroba|ou|ponto' },
  nl: { decimal: ',', percent: '{n} procent', range: '{a} tot {b}', time: '{h} uur {m}', hour: '{h} uur',
    units: 'graden Celsius|graden Fahrenheit|kilometer per uur|kilometer|meter|centimeter|millimeter|kilogram|gram|liter|vierkante meter|gigabyte|megabyte|terabyte|kilowattuur',
    currencies: 'euro|dollar|pond|yen|roepie/roepies', and: '', symbols: 'en|plus|is gelijk aan|apenstaartje|of|punt' },
  da: { decimal: ',', percent: '{n} procent', range: '{a} til {b}', time: '{h} {m}', hour: 'klokken {h}',
    units: 'grader celsius|grader fahrenheit|kilometer i timen|kilometer|meter|centimeter|millimeter|kilogram|gram|liter|kvadratmeter|gigabyte|megabyte|terabyte|kilowatttimer',
    currencies: 'euro|dollar|pund|yen|rupee', and: '', symbols: 'og|plus|lig med|snabel-a|eller|punktum' },
  no: { decimal: ',', percent: '{n} prosent', range: '{a} til {b}', time: '{h} {m}', hour: 'klokka {h}',
    units: 'grader celsius|grader fahrenheit|kilometer i timen|kilometer|meter|centimeter|millimeter|kilo|gram|liter|kvadratmeter|gigabyte|megabyte|terabyte|kilowattimer',
    currencies: 'euro|dollar|pund|yen|rupi', and: '', symbols: 'og|pluss|er lik|krøllalfa|eller|punktum' },
  sv: { decimal: ',', percent: '{n} procent', range: '{a} till {b}', time: '{h} och {m}', hour: 'klockan {h}',
    units: 'grader Celsius|grader Fahrenheit|kilometer i timmen|kilometer|meter|centimeter|millimeter|kilo|gram|liter|kvadratmeter|gigabyte|megabyte|terabyte|kilowattimmar',
    currencies: 'euro|dollar|pund|yen|rupier', and: '', symbols: 'och|plus|är lika med|snabel-a|eller|punkt' },
  fi: { decimal: ',', percent: '{n} prosenttia', range: '{a} – {b}', time: 'kello {h} {m}', hour: 'kello {h}',
    units: 'astetta|astetta Fahrenheitia|kilometriä tunnissa|kilometri/kilometriä|metri/metriä|senttimetri/senttimetriä|millimetri/millimetriä|kilo/kiloa|gramma/grammaa|litra/litraa|neliömetri/neliömetriä|gigatavu/gigatavua|megatavu/megatavua|teratavu/teratavua|kilowattitunti/kilowattituntia',
    currencies: 'euro/euroa|dollari/dollaria|punta/puntaa|jeni/jeniä|rupia/rupiaa', and: '', symbols: 'ja|plus|on yhtä kuin|ät|tai|piste' },
  pl: { decimal: ',', percent: '{n} procent', range: 'od {a} do {b}', time: '{h} {m}', hour: 'godzina {h}',
    units: 'stopień Celsjusza/stopnie Celsjusza/stopni Celsjusza|stopień Fahrenheita/stopnie Fahrenheita/stopni Fahrenheita|kilometr na godzinę/kilometry na godzinę/kilometrów na godzinę|kilometr/kilometry/kilometrów|metr/metry/metrów|centymetr/centymetry/centymetrów|milimetr/milimetry/milimetrów|kilogram/kilogramy/kilogramów|gram/gramy/gramów|litr/litry/litrów|metr kwadratowy/metry kwadratowe/metrów kwadratowych|gigabajt/gigabajty/gigabajtów|megabajt/megabajty/megabajtów|terabajt/terabajty/terabajtów|kilowatogodzina/kilowatogodziny/kilowatogodzin',
    currencies: 'euro|dolar/dolary/dolarów|funt/funty/funtów|jen/jeny/jenów|rupia/rupie/rupii', and: '', symbols: 'i|plus|równa się|małpa|lub|kropka' },
  ru: { decimal: ',', percent: '{n} процент/процента/процентов', range: 'от {a} до {b}', time: '{h} {m}', hour: '{h} часов',
    units: 'градус Цельсия/градуса Цельсия/градусов Цельсия|градус Фаренгейта/градуса Фаренгейта/градусов Фаренгейта|километр в час/километра в час/километров в час|километр/километра/километров|метр/метра/метров|сантиметр/сантиметра/сантиметров|миллиметр/миллиметра/миллиметров|килограмм/килограмма/килограммов|грамм/грамма/граммов|литр/литра/литров|квадратный метр/квадратных метра/квадратных метров|гигабайт/гигабайта/гигабайт|мегабайт/мегабайта/мегабайт|терабайт/терабайта/терабайт|киловатт-час/киловатт-часа/киловатт-часов',
    currencies: 'евро|доллар/доллара/долларов|фунт/фунта/фунтов|иена/иены/иен|рупия/рупии/рупий', and: '', symbols: 'и|плюс|равно|собака|или|точка' },
  tr: { decimal: ',', percent: 'yüzde {n}', range: '{a} ile {b} arası', time: 'saat {h} {m}', hour: 'saat {h}',
    units: 'derece|Fahrenheit derece|kilometre bölü saat|kilometre|metre|santimetre|milimetre|kilogram|gram|litre|metrekare|gigabayt|megabayt|terabayt|kilovatsaat',
    currencies: 'avro|dolar|sterlin|yen|rupi', and: '', symbols: 've|artı|eşittir|et|veya|nokta' },
  el: { decimal: ',', percent: '{n} τοις εκατό', range: '{a} έως {b}', time: '{h} και {m}', hour: '{h} η ώρα',
    units: 'βαθμούς Κελσίου|βαθμούς Φαρενάιτ|χιλιόμετρα την ώρα|χιλιόμετρα|μέτρα|εκατοστά|χιλιοστά|κιλά|γραμμάρια|λίτρα|τετραγωνικά μέτρα|γκιγκαμπάιτ|μεγκαμπάιτ|τεραμπάιτ|κιλοβατώρες',
    currencies: 'ευρώ|δολάριο/δολάρια|λίρα/λίρες|γιεν|ρουπία/ρουπίες', and: 'και', symbols: 'και|συν|ίσον|παπάκι|ή|τελεία' },
  ms: { decimal: '.', percent: '{n} peratus', range: '{a} hingga {b}', time: 'pukul {h} {m}', hour: 'pukul {h}',
    units: 'darjah Celsius|darjah Fahrenheit|kilometer sejam|kilometer|meter|sentimeter|milimeter|kilogram|gram|liter|meter persegi|gigabait|megabait|terabait|kilowatt jam',
    currencies: 'euro|dolar|paun|yen|rupee', and: 'dan', cents: 'sen', symbols: 'dan|tambah|sama dengan|at|atau|titik' },
  sw: { decimal: '.', percent: 'asilimia {n}', range: '{a} hadi {b}', time: 'saa {h} na dakika {m}', hour: 'saa {h}', unitFirst: true,
    units: 'nyuzi joto|nyuzi Fahrenheit|kilomita kwa saa|kilomita|mita|sentimita|milimita|kilo|gramu|lita|mita za mraba|gigabaiti|megabaiti|terabaiti|kilowati saa',
    currencies: 'euro|dola|pauni|yeni|rupia', and: 'na', symbols: 'na|jumlisha|ni sawa na|at|au|nukta' },
  ar: { decimal: '.', percent: '{n} بالمئة', range: 'من {a} إلى {b}', time: 'الساعة {h} و {m} دقيقة', hour: 'الساعة {h}',
    units: 'درجة مئوية|درجة فهرنهايت|كيلومتر في الساعة|كيلومتر|متر|سنتيمتر|مليمتر|كيلوغرام|غرام|لتر|متر مربع|غيغابايت|ميغابايت|تيرابايت|كيلوواط ساعة',
    currencies: 'يورو|دولار|جنيه إسترليني|ين|روبية', and: 'و', symbols: 'و|زائد|يساوي|آت|أو|نقطة' },
  he: { decimal: '.', percent: '{n} אחוז', range: '{a} עד {b}', time: '{h} ו {m} דקות', hour: 'השעה {h}',
    units: 'מעלות צלזיוס|מעלות פרנהייט|קילומטר לשעה|קילומטר|מטר|סנטימטר|מילימטר|קילוגרם|גרם|ליטר|מטר רבוע|ג׳יגה בייט|מגה בייט|טרה בייט|קילוואט שעה',
    currencies: 'אירו|דולר|לירות שטרלינג|ין|רופי', and: 'ו', symbols: 'ו|ועוד|שווה|שטרודל|או|נקודה' },
  hi: { decimal: '.', percent: '{n} प्रतिशत', range: '{a} से {b}', time: '{h} बजकर {m} मिनट', hour: '{h} बजे',
    units: 'डिग्री सेल्सियस|डिग्री फ़ारेनहाइट|किलोमीटर प्रति घंटा|किलोमीटर|मीटर|सेंटीमीटर|मिलीमीटर|किलोग्राम|ग्राम|लीटर|वर्ग मीटर|गीगाबाइट|मेगाबाइट|टेराबाइट|किलोवाट घंटा',
    currencies: 'यूरो|डॉलर|पाउंड|येन|रुपये', and: 'और', cents: 'पैसे', symbols: 'और|धन|बराबर|एट|या|डॉट' },
  zh: { decimal: '.', percent: '百分之{n}', range: '{a}到{b}', time: '{h}点{m}分', hour: '{h}点', tight: true,
    units: '摄氏度|华氏度|公里每小时|公里|米|厘米|毫米|公斤|克|升|平方米|吉字节|兆字节|太字节|千瓦时',
    currencies: '欧元|美元|英镑|元|卢比', and: '', symbols: '和|加|等于|艾特|或|点' },
  ja: { decimal: '.', percent: '{n}パーセント', range: '{a}から{b}', time: '{h}時{m}分', hour: '{h}時', tight: true,
    units: '度|華氏度|キロメートル毎時|キロメートル|メートル|センチメートル|ミリメートル|キログラム|グラム|リットル|平方メートル|ギガバイト|メガバイト|テラバイト|キロワット時',
    currencies: 'ユーロ|ドル|ポンド|円|ルピー', and: '', symbols: 'と|プラス|イコール|アット|または|ドット' },
  ko: { decimal: '.', percent: '{n}퍼센트', range: '{a}에서 {b}', time: '{h}시 {m}분', hour: '{h}시', tight: true,
    units: '도|화씨 도|킬로미터 매시|킬로미터|미터|센티미터|밀리미터|킬로그램|그램|리터|제곱미터|기가바이트|메가바이트|테라바이트|킬로와트시',
    currencies: '유로|달러|파운드|엔|루피', and: '', symbols: '그리고|더하기|이퀄|골뱅이|또는|점' },
};

export interface Vocabulary extends Omit<Row, 'units' | 'currencies' | 'symbols'> {
  units: Record<UnitSymbol, string>;
  currencies: Record<CurrencySymbol, string>;
  symbols: { and: string; plus: string; equals: string; at: string; or: string; dot: string };
}

const cache = new Map<LanguageCode, Vocabulary>();

export function vocabularyFor(language: LanguageCode): Vocabulary {
  let vocabulary = cache.get(language);
  if (!vocabulary) {
    const row = ROWS[language];
    const [and, plus, equals, at, or, dot] = row.symbols.split('|') as [string, string, string, string, string, string];
    vocabulary = {
      ...row,
      units: Object.fromEntries(row.units.split('|').map((w, i) => [UNIT_SYMBOLS[i], w])) as Record<UnitSymbol, string>,
      currencies: Object.fromEntries(row.currencies.split('|').map((w, i) => [CURRENCY_SYMBOLS[i], w])) as Record<CurrencySymbol, string>,
      symbols: { and, plus, equals, at, or, dot },
    };
    cache.set(language, vocabulary);
  }
  return vocabulary;
}

/** The word form for a count: "one/other" or "one/few/many" forms, chosen by the language's plural rules. */
export function wordForm(language: LanguageCode, forms: string, count: string): string {
  const options = forms.split('/');
  if (options.length === 1) return forms;
  const rule = pluralRules(language).select(Number(count.replace(',', '.')));
  if (options.length === 2) return rule === 'one' ? options[0]! : options[1]!;
  return rule === 'one' ? options[0]! : rule === 'few' || rule === 'other' ? options[1]! : options[2]!;
}

const rulesCache = new Map<LanguageCode, Intl.PluralRules>();
function pluralRules(language: LanguageCode): Intl.PluralRules {
  let rules = rulesCache.get(language);
  if (!rules) rulesCache.set(language, (rules = new Intl.PluralRules(language === 'no' ? 'nb' : language)));
  return rules;
}
