/**
 * Abbreviations per language: what the normalizer says instead, and which never end a sentence
 * (the splitter keeps "z. B." or "Dr." inside the sentence). `endsSentence` abbreviations
 * ("etc.", "usw.") may close a sentence; followed by a capital they keep their full stop.
 * Only the main languages have a list; the others rely on ICU's sentence rules.
 */
import type { LanguageCode } from '../shared/languages.ts';

export interface Abbreviation {
  written: string;
  spoken: string;
  endsSentence?: boolean;
}

type Table = ReadonlyArray<readonly [written: string, spoken: string, endsSentence?: boolean]>;

const TABLES: Partial<Record<LanguageCode, Table>> = {
  en: [
    ['e.g.', 'for example'], ['i.e.', 'that is'], ['etc.', 'et cetera', true], ['vs.', 'versus'], ['Dr.', 'Doctor'],
    ['Mr.', 'Mister'], ['Mrs.', 'Missus'], ['Ms.', 'Miz'], ['Prof.', 'Professor'], ['St.', 'Saint'], ['Jr.', 'Junior'],
    ['Sr.', 'Senior'], ['approx.', 'approximately'], ['Fig.', 'figure'], ['Inc.', 'Incorporated', true],
    ['Ltd.', 'Limited', true], ['Corp.', 'Corporation', true], ['a.m.', 'a m', true], ['p.m.', 'p m', true],
  ],
  de: [
    ['z. B.', 'zum Beispiel'], ['z.B.', 'zum Beispiel'], ['d. h.', 'das heißt'], ['d.h.', 'das heißt'], ['u. a.', 'unter anderem'],
    ['u.a.', 'unter anderem'], ['usw.', 'und so weiter', true], ['bzw.', 'beziehungsweise'], ['ca.', 'circa'], ['Dr.', 'Doktor'],
    ['Prof.', 'Professor'], ['Hr.', 'Herr'], ['Fr.', 'Frau'], ['Nr.', 'Nummer'], ['vgl.', 'vergleiche'], ['etc.', 'et cetera', true],
    ['evtl.', 'eventuell'], ['ggf.', 'gegebenenfalls'], ['inkl.', 'inklusive'], ['zzgl.', 'zuzüglich'], ['Str.', 'Straße'],
    ['bspw.', 'beispielsweise'], ['sog.', 'sogenannte'], ['u. U.', 'unter Umständen'],
  ],
  fr: [
    ['M.', 'Monsieur'], ['Mme', 'Madame'], ['Mlle', 'Mademoiselle'], ['Dr', 'Docteur'], ['Pr', 'Professeur'],
    ['p. ex.', 'par exemple'], ['c.-à-d.', "c'est-à-dire"], ['etc.', 'et cetera', true], ['env.', 'environ'], ['av.', 'avenue'],
    ['n°', 'numéro'], ['bd', 'boulevard'],
  ],
  es: [
    ['Sr.', 'señor'], ['Sra.', 'señora'], ['Srta.', 'señorita'], ['Dr.', 'doctor'], ['Dra.', 'doctora'], ['etc.', 'etcétera', true],
    ['p. ej.', 'por ejemplo'], ['Ud.', 'usted'], ['Uds.', 'ustedes'], ['aprox.', 'aproximadamente'], ['núm.', 'número'],
    ['pág.', 'página'], ['EE. UU.', 'Estados Unidos', true], ['Av.', 'avenida'],
  ],
  it: [
    ['Sig.', 'signor'], ['Sig.ra', 'signora'], ['Dott.', 'dottor'], ['Dr.', 'dottor'], ['Prof.', 'professor'], ['ecc.', 'eccetera', true],
    ['etc.', 'eccetera', true], ['es.', 'esempio'], ['pag.', 'pagina'], ['ca.', 'circa'],
  ],
  pt: [
    ['Sr.', 'senhor'], ['Sra.', 'senhora'], ['Dr.', 'doutor'], ['Dra.', 'doutora'], ['etc.', 'etcétera', true], ['p. ex.', 'por exemplo'],
    ['pág.', 'página'], ['n.º', 'número'], ['Av.', 'avenida'], ['aprox.', 'aproximadamente'],
  ],
  nl: [
    ['bijv.', 'bijvoorbeeld'], ['d.w.z.', 'dat wil zeggen'], ['o.a.', 'onder andere'], ['enz.', 'enzovoort', true], ['etc.', 'et cetera', true],
    ['dhr.', 'de heer'], ['mevr.', 'mevrouw'], ['Dr.', 'dokter'], ['nr.', 'nummer'], ['ca.', 'circa'], ['blz.', 'bladzijde'],
  ],
  pl: [
    ['np.', 'na przykład'], ['itd.', 'i tak dalej', true], ['itp.', 'i tym podobne', true], ['tzn.', 'to znaczy'], ['dr', 'doktor'],
    ['prof.', 'profesor'], ['ok.', 'około'], ['tj.', 'to jest'], ['ul.', 'ulica'], ['nr', 'numer'], ['godz.', 'godzina'],
  ],
  ru: [
    ['т. е.', 'то есть'], ['т.е.', 'то есть'], ['и т. д.', 'и так далее', true], ['и т.д.', 'и так далее', true], ['и т. п.', 'и тому подобное', true],
    ['ул.', 'улица'], ['стр.', 'страница'], ['напр.', 'например'], ['см.', 'смотри'], ['др.', 'другие', true], ['руб.', 'рублей'],
  ],
  tr: [
    ['vb.', 've benzeri', true], ['vs.', 've saire', true], ['Dr.', 'Doktor'], ['Prof.', 'Profesör'], ['örn.', 'örneğin'], ['yy.', 'yüzyıl'],
    ['Av.', 'Avukat'], ['bkz.', 'bakınız'], 
  ],
  da: [['f.eks.', 'for eksempel'], ['osv.', 'og så videre', true], ['bl.a.', 'blandt andet'], ['dvs.', 'det vil sige'], ['ca.', 'cirka'], ['nr.', 'nummer']],
  no: [['f.eks.', 'for eksempel'], ['osv.', 'og så videre', true], ['bl.a.', 'blant annet'], ['dvs.', 'det vil si'], ['ca.', 'cirka'], ['nr.', 'nummer']],
  sv: [['t.ex.', 'till exempel'], ['osv.', 'och så vidare', true], ['bl.a.', 'bland annat'], ['dvs.', 'det vill säga'], ['ca', 'cirka'], ['nr', 'nummer']],
  fi: [['esim.', 'esimerkiksi'], ['jne.', 'ja niin edelleen', true], ['ns.', 'niin sanottu'], ['mm.', 'muun muassa'], ['ym.', 'ynnä muuta', true]],
  el: [['κ.λπ.', 'και λοιπά', true], ['π.χ.', 'παραδείγματος χάριν'], ['δηλ.', 'δηλαδή'], ['κ.', 'κύριος']],
  ms: [['dll.', 'dan lain-lain', true], ['Dr.', 'Doktor'], ['En.', 'Encik'], ['spt.', 'seperti']],
};

const cache = new Map<LanguageCode, Abbreviation[]>();

/** The language's abbreviations, longest first (so "z. B." wins over "B."). */
export function abbreviationsFor(language: LanguageCode): readonly Abbreviation[] {
  let list = cache.get(language);
  if (!list) {
    list = (TABLES[language] ?? []).map(([written, spoken, endsSentence]) => ({ written, spoken, endsSentence: endsSentence ?? false }));
    list.sort((a, b) => b.written.length - a.written.length);
    cache.set(language, list);
  }
  return list;
}
