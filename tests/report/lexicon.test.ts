import { describe, expect, it } from 'vitest';
import type { CategoryKey } from '../../src/report/categories.js';
import { matchLabel, type LabelLanguage } from '../../src/report/lexicon.js';

type Case = readonly [label: string, category: CategoryKey, language: LabelLanguage];

describe('matchLabel', () => {
  describe('official Ukrainian labels (genitive, 2022–2025)', () => {
    const cases: readonly Case[] = [
      ['особового складу', 'personnel', 'uk'],
      ['танків', 'tanks', 'uk'],
      ['бойових броньованих машин', 'afv', 'uk'],
      ['артилерійських систем', 'artillery', 'uk'],
      ['РСЗВ', 'mlrs', 'uk'],
      ['засоби ППО', 'air_defense', 'uk'],
      ['літаків', 'aircraft', 'uk'],
      ['гелікоптерів', 'helicopters', 'uk'],
      ['БПЛА оперативно-тактичного рівня', 'uav', 'uk'],
      ['БпЛА оперативно-тактичного рівня', 'uav', 'uk'],
      ['крилаті ракети', 'cruise_missiles', 'uk'],
      ['кораблі /катери', 'ships', 'uk'],
      ['кораблі/катери', 'ships', 'uk'],
      ['підводні човни', 'submarines', 'uk'],
      ['автомобільної техніки та автоцистерн', 'vehicles_fuel', 'uk'],
      ['автомобільної техніки', 'military_auto', 'uk'],
      ['цистерн з ПММ', 'fuel_tanks', 'uk'],
      ['спеціальна техніка', 'special_equipment', 'uk'],
      ['пускові установки ОТРК', 'srbm', 'uk'],
      ['наземні робототехнічні комплекси', 'ground_robots', 'uk'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('nominative Ukrainian labels (mod.gov.ua 2026, media)', () => {
    const cases: readonly Case[] = [
      ['військовослужбовці', 'personnel', 'uk'],
      ['особовий склад', 'personnel', 'uk'],
      ['танки', 'tanks', 'uk'],
      ['бойові броньовані машини', 'afv', 'uk'],
      ['артилерійські системи', 'artillery', 'uk'],
      ['РСЗВ', 'mlrs', 'uk'],
      ['засоби ППО', 'air_defense', 'uk'],
      ['засобів ППО', 'air_defense', 'uk'],
      ['літаки', 'aircraft', 'uk'],
      ['гелікоптери', 'helicopters', 'uk'],
      ['БпЛА оперативно-тактичного рівня', 'uav', 'uk'],
      ['крилаті ракети', 'cruise_missiles', 'uk'],
      ['кораблі/катери', 'ships', 'uk'],
      ['підводні човни', 'submarines', 'uk'],
      ['автомобільна техніка та автоцистерни', 'vehicles_fuel', 'uk'],
      ['спеціальна техніка', 'special_equipment', 'uk'],
      ['наземні робототехнічні комплекси', 'ground_robots', 'uk'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('official English labels (mil.gov.ua, kmu.gov.ua, mod.gov.ua)', () => {
    const cases: readonly Case[] = [
      ['personnel', 'personnel', 'en'],
      ['Personnel', 'personnel', 'en'],
      ['tanks', 'tanks', 'en'],
      ['APV', 'afv', 'en'],
      ['artillery systems', 'artillery', 'en'],
      ['MLRS', 'mlrs', 'en'],
      ['Anti-aircraft warfare systems', 'air_defense', 'en'],
      ['anti-aircraft warfare systems', 'air_defense', 'en'],
      ['aircraft', 'aircraft', 'en'],
      ['helicopters', 'helicopters', 'en'],
      ['UAV operational-tactical level', 'uav', 'en'],
      ['cruise missiles', 'cruise_missiles', 'en'],
      ['warships / boats', 'ships', 'en'],
      ['boats / cutters', 'ships', 'en'],
      ['submarines', 'submarines', 'en'],
      ['vehicles and fuel tanks', 'vehicles_fuel', 'en'],
      ['special equipment', 'special_equipment', 'en'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('German labels (Ukrinform, both label sets)', () => {
    const cases: readonly Case[] = [
      ['Invasoren getötet und verletzt', 'personnel', 'de'],
      ['Menschen', 'personnel', 'de'],
      ['Panzer', 'tanks', 'de'],
      ['Kampfpanzer', 'tanks', 'de'],
      ['gepanzerte Fahrzeuge', 'afv', 'de'],
      ['gepanzerte Kampffahrzeuge', 'afv', 'de'],
      ['Artilleriesysteme', 'artillery', 'de'],
      ['Mehrfachraketenwerfer', 'mlrs', 'de'],
      ['Luftabwehrsysteme', 'air_defense', 'de'],
      ['Flugabwehrsysteme', 'air_defense', 'de'],
      ['Flugzeuge', 'aircraft', 'de'],
      ['Hubschrauber', 'helicopters', 'de'],
      ['operativ-taktische Drohnen', 'uav', 'de'],
      ['Kampfdrohnen', 'uav', 'de'],
      ['Marschflugkörper', 'cruise_missiles', 'de'],
      ['Schiffe/Boote', 'ships', 'de'],
      ['leichte Schnellboote', 'ships', 'de'],
      ['U-Boote', 'submarines', 'de'],
      ['Unterseeboote', 'submarines', 'de'],
      ['Fahrzeuge und Treibstoffzisternen', 'vehicles_fuel', 'de'],
      ['Kraftfahrzeuge und Tanks mit Treib- und Schmierstoffen', 'vehicles_fuel', 'de'],
      ['Fahrzeuge', 'military_auto', 'de'],
      ['Kraftstofftanks', 'fuel_tanks', 'de'],
      ['spezielle Fahrzeuge', 'special_equipment', 'de'],
      ['spezielle Technikeinheiten', 'special_equipment', 'de'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('minfin labels (uk and en)', () => {
    const cases: readonly Case[] = [
      ['Особовий склад', 'personnel', 'uk'],
      ['Танки', 'tanks', 'uk'],
      ['ББМ', 'afv', 'uk'],
      ['Гармати', 'artillery', 'uk'],
      ['РСЗВ Град', 'mlrs', 'uk'],
      ['Засоби ППО', 'air_defense', 'uk'],
      ['Літаки', 'aircraft', 'uk'],
      ['Гелікоптери', 'helicopters', 'uk'],
      ['БПЛА', 'uav', 'uk'],
      ['Крилаті ракети', 'cruise_missiles', 'uk'],
      ['Кораблі (катери)', 'ships', 'uk'],
      ['Автомобілі та автоцистерни', 'vehicles_fuel', 'uk'],
      ['Спеціальна техніка', 'special_equipment', 'uk'],
      ['Military personnel', 'personnel', 'en'],
      ['Tanks', 'tanks', 'en'],
      ['Armored fighting vehicle', 'afv', 'en'],
      ['Artillery systems', 'artillery', 'en'],
      ['Cannons', 'artillery', 'en'],
      ['MLRS Grad', 'mlrs', 'en'],
      ['Anti-aircraft warfare', 'air_defense', 'en'],
      ['Planes', 'aircraft', 'en'],
      ['Aircrafts', 'aircraft', 'en'],
      ['UAV', 'uav', 'en'],
      ['Ships (boats)', 'ships', 'en'],
      ['Cars and cisterns', 'vehicles_fuel', 'en'],
      ['Cars', 'military_auto', 'en'],
      ['Cisterns with fuel', 'fuel_tanks', 'en'],
      ['Mobile SRBM', 'srbm', 'en'],
      ['Ground robotic systems', 'ground_robots', 'en'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('Censor.NET English translations (April 2022)', () => {
    const cases: readonly Case[] = [
      ['armored combat vehicles', 'afv', 'en'],
      ['multiple launch rocket systems', 'mlrs', 'en'],
      ['air defense systems', 'air_defense', 'en'],
      ['automotive equipment', 'military_auto', 'en'],
      ['ships/boats', 'ships', 'en'],
      ['tanks with fuel and lubricants', 'fuel_tanks', 'en'],
      ['unmanned aerial vehicles of the operational-tactical level', 'uav', 'en'],
      ['Launcher of the operational-tactical missile system', 'srbm', 'en'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('historical categories (up to 2022-04-30)', () => {
    it('maps "vehicles" to military_auto', () => {
      expect(matchLabel('vehicles')).toEqual({ category: 'military_auto', language: 'en' });
    });

    it('maps "fuel tanks" to fuel_tanks, not tanks', () => {
      expect(matchLabel('fuel tanks')).toEqual({ category: 'fuel_tanks', language: 'en' });
    });

    it('maps "mobile SRBM system" to srbm', () => {
      expect(matchLabel('mobile SRBM system')).toEqual({ category: 'srbm', language: 'en' });
    });

    it('maps the minfin "Пускові установки ОТРК" to srbm', () => {
      expect(matchLabel('Пускові установки ОТРК')).toEqual({ category: 'srbm', language: 'uk' });
    });

    it('maps the minfin "Автомобілі" and "Цистерни з ППМ" to military_auto and fuel_tanks', () => {
      expect(matchLabel('Автомобілі')).toEqual({ category: 'military_auto', language: 'uk' });
      expect(matchLabel('Цистерни з ППМ')).toEqual({ category: 'fuel_tanks', language: 'uk' });
    });
  });

  describe('Ukrainian labels in every case and number', () => {
    const cases: readonly Case[] = [
      ['автомобільну техніку та автоцистерни', 'vehicles_fuel', 'uk'],
      ['автомобільною технікою та автоцистернами', 'vehicles_fuel', 'uk'],
      ['спеціальну техніку', 'special_equipment', 'uk'],
      ['спеціальній техніці', 'special_equipment', 'uk'],
      ['танком', 'tanks', 'uk'],
      ['танк', 'tanks', 'uk'],
      ['бойову броньовану машину', 'afv', 'uk'],
      ['бойовими броньованими машинами', 'afv', 'uk'],
      ['артилерійську систему', 'artillery', 'uk'],
      ['засобами ППО', 'air_defense', 'uk'],
      ['літак', 'aircraft', 'uk'],
      ['гелікоптерами', 'helicopters', 'uk'],
      ['вертольоти', 'helicopters', 'uk'],
      ['крилату ракету', 'cruise_missiles', 'uk'],
      ['корабель', 'ships', 'uk'],
      ['підводний човен', 'submarines', 'uk'],
      ['підводного човна', 'submarines', 'uk'],
      ['військовослужбовця', 'personnel', 'uk'],
      ['живої сили', 'personnel', 'uk'],
      ['безпілотних літальних апаратів', 'uav', 'uk'],
      ['реактивних систем залпового вогню', 'mlrs', 'uk'],
      ['наземних робототехнічних комплексів', 'ground_robots', 'uk'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('Russian-language copies', () => {
    const cases: readonly Case[] = [
      ['личный состав', 'personnel', 'ru'],
      ['личного состава', 'personnel', 'ru'],
      ['боевые бронированные машины', 'afv', 'ru'],
      ['боевых бронированных машин', 'afv', 'ru'],
      ['артиллерийские системы', 'artillery', 'ru'],
      ['РСЗО', 'mlrs', 'ru'],
      ['средства ПВО', 'air_defense', 'ru'],
      ['самолёты', 'aircraft', 'ru'],
      ['вертолетов', 'helicopters', 'ru'],
      ['крылатые ракеты', 'cruise_missiles', 'ru'],
      ['подводные лодки', 'submarines', 'ru'],
      ['подводную лодку', 'submarines', 'ru'],
      ['автомобильная техника и автоцистерны', 'vehicles_fuel', 'ru'],
      ['автомобильную технику и автоцистерны', 'vehicles_fuel', 'ru'],
      ['специальная техника', 'special_equipment', 'ru'],
      ['спецтехники', 'special_equipment', 'ru'],
      ['беспилотных летательных аппаратов', 'uav', 'ru'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('Polish reprints, in the case and number the count asks for', () => {
    const cases: readonly Case[] = [
      ['żołnierzy', 'personnel', 'pl'],
      ['czołgów', 'tanks', 'pl'],
      ['czołgi', 'tanks', 'pl'],
      ['bojowych wozów opancerzonych', 'afv', 'pl'],
      ['bojowy wóz opancerzony', 'afv', 'pl'],
      ['systemów artyleryjskich', 'artillery', 'pl'],
      ['wyrzutni rakietowych', 'mlrs', 'pl'],
      ['systemów obrony przeciwlotniczej', 'air_defense', 'pl'],
      ['samolotów', 'aircraft', 'pl'],
      ['śmigłowców', 'helicopters', 'pl'],
      ['śmigłowiec', 'helicopters', 'pl'],
      ['pocisków manewrujących', 'cruise_missiles', 'pl'],
      ['okrętów i łodzi', 'ships', 'pl'],
      ['okręt podwodny', 'submarines', 'pl'],
      ['okrętów podwodnych', 'submarines', 'pl'],
      ['pojazdów i cystern', 'vehicles_fuel', 'pl'],
      ['sprzętu specjalnego', 'special_equipment', 'pl'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('Italian reprints, singular and plural', () => {
    const cases: readonly Case[] = [
      ['soldati', 'personnel', 'it'],
      ['carri armati', 'tanks', 'it'],
      ['carro armato', 'tanks', 'it'],
      ['veicoli corazzati', 'afv', 'it'],
      ['sistemi di artiglieria', 'artillery', 'it'],
      ['lanciarazzi multipli', 'mlrs', 'it'],
      ['sistemi di difesa aerea', 'air_defense', 'it'],
      ['aerei', 'aircraft', 'it'],
      ['elicotteri', 'helicopters', 'it'],
      ['missili da crociera', 'cruise_missiles', 'it'],
      ['navi', 'ships', 'it'],
      ['sottomarini', 'submarines', 'it'],
      ['veicoli e autocisterne', 'vehicles_fuel', 'it'],
      ['equipaggiamento speciale', 'special_equipment', 'it'],
    ];
    it.each(cases)('maps "%s" to %s (%s)', (label, category, language) => {
      expect(matchLabel(label)).toEqual({ category, language });
    });
  });

  describe('a word cut at its start', () => {
    it('maps "-aircraft warfare systems" to the label it is the end of, air_defense, never aircraft', () => {
      expect(matchLabel('-aircraft warfare systems')).toEqual({ category: 'air_defense', language: 'en' });
      expect(matchLabel('-aircraft')).toEqual({ category: 'air_defense', language: 'en' });
    });

    it('reads a hyphen glued to a whole label as a bullet', () => {
      expect(matchLabel('-танки')).toEqual({ category: 'tanks', language: 'uk' });
    });
  });

  describe('bilingual "uk / en" labels', () => {
    it('maps "особового складу / personnel" to personnel by its longer Ukrainian half', () => {
      expect(matchLabel('особового складу / personnel')).toEqual({ category: 'personnel', language: 'uk' });
    });

    it('maps "танків / tanks" to tanks', () => {
      expect(matchLabel('танків / tanks')).toEqual({ category: 'tanks', language: 'uk' });
    });

    it('maps "кораблі /катери / warships / boats" to ships', () => {
      expect(matchLabel('кораблі /катери / warships / boats')).toEqual({ category: 'ships', language: 'uk' });
    });

    it('maps "автомобільної техніки та автоцистерн/ vehicles and fuel tanks" to vehicles_fuel', () => {
      expect(matchLabel('автомобільної техніки та автоцистерн/ vehicles and fuel tanks')).toEqual({
        category: 'vehicles_fuel',
        language: 'uk',
      });
    });

    it('maps "спеціальна техніка / special equipment" to special_equipment', () => {
      expect(matchLabel('спеціальна техніка / special equipment')).toEqual({
        category: 'special_equipment',
        language: 'uk',
      });
    });

    it('maps "підводні човни / submarines" to submarines', () => {
      expect(matchLabel('підводні човни / submarines')).toEqual({ category: 'submarines', language: 'uk' });
    });

    it('takes the language of the longer matching half ("засоби ППО / Anti-aircraft warfare systems")', () => {
      expect(matchLabel('засоби ППО / Anti-aircraft warfare systems')).toEqual({
        category: 'air_defense',
        language: 'en',
      });
    });

    it('matches the English half when the Ukrainian half is not in the lexicon', () => {
      expect(matchLabel('бронетехніки / APV')).toEqual({ category: 'afv', language: 'en' });
    });
  });

  describe('precedence between overlapping phrases', () => {
    it('maps "vehicles and fuel tanks" to vehicles_fuel, not tanks', () => {
      expect(matchLabel('vehicles and fuel tanks')).toEqual({ category: 'vehicles_fuel', language: 'en' });
    });

    it('maps "Anti-aircraft warfare systems" to air_defense, not aircraft', () => {
      expect(matchLabel('Anti-aircraft warfare systems')).toEqual({ category: 'air_defense', language: 'en' });
    });

    it('maps "submarines" to submarines and "warships / boats" to ships', () => {
      expect(matchLabel('submarines')).toEqual({ category: 'submarines', language: 'en' });
      expect(matchLabel('warships / boats')).toEqual({ category: 'ships', language: 'en' });
    });

    it('maps "U-Boote" to submarines, not ships', () => {
      expect(matchLabel('U-Boote')).toEqual({ category: 'submarines', language: 'de' });
    });

    it('maps "gepanzerte Fahrzeuge" to afv, not tanks or military_auto', () => {
      expect(matchLabel('gepanzerte Fahrzeuge')).toEqual({ category: 'afv', language: 'de' });
    });

    it('maps "spezielle Fahrzeuge" to special_equipment, not military_auto', () => {
      expect(matchLabel('spezielle Fahrzeuge')).toEqual({ category: 'special_equipment', language: 'de' });
    });

    it('maps "Kraftfahrzeuge und Tanks mit Treib- und Schmierstoffen" to vehicles_fuel, not tanks', () => {
      expect(matchLabel('Kraftfahrzeuge und Tanks mit Treib- und Schmierstoffen')).toEqual({
        category: 'vehicles_fuel',
        language: 'de',
      });
    });

    it('maps "tanks with fuel and lubricants" to fuel_tanks, not tanks', () => {
      expect(matchLabel('tanks with fuel and lubricants')).toEqual({ category: 'fuel_tanks', language: 'en' });
    });

    it('maps "автомобільної техніки та автоцистерн" to vehicles_fuel, not military_auto', () => {
      expect(matchLabel('автомобільної техніки та автоцистерн')).toEqual({ category: 'vehicles_fuel', language: 'uk' });
    });
  });

  describe('normalisation', () => {
    it('ignores case', () => {
      expect(matchLabel('TANKS')).toEqual({ category: 'tanks', language: 'en' });
      expect(matchLabel('Танків')).toEqual({ category: 'tanks', language: 'uk' });
      expect(matchLabel('рсзв')).toEqual({ category: 'mlrs', language: 'uk' });
    });

    it('collapses spaces, no-break spaces and surrounding whitespace', () => {
      expect(matchLabel('  особового   складу  ')).toEqual({ category: 'personnel', language: 'uk' });
      expect(matchLabel('особового\u00a0складу')).toEqual({ category: 'personnel', language: 'uk' });
      expect(matchLabel('cruise\u202fmissiles')).toEqual({ category: 'cruise_missiles', language: 'en' });
    });

    it('ignores spacing around "/" ("кораблі /катери", "warships/boats")', () => {
      expect(matchLabel('кораблі /катери')).toEqual({ category: 'ships', language: 'uk' });
      expect(matchLabel('кораблі / катери')).toEqual({ category: 'ships', language: 'uk' });
      expect(matchLabel('warships/boats')).toEqual({ category: 'ships', language: 'en' });
    });

    it('reads a Latin "i" typed inside a Cyrillic word ("лiтаків")', () => {
      expect(matchLabel('л\u0069таків')).toEqual({ category: 'aircraft', language: 'uk' });
      expect(matchLabel('танк\u0069в')).toEqual({ category: 'tanks', language: 'uk' });
    });

    it('treats "БпЛА" and "БПЛА" alike', () => {
      expect(matchLabel('БпЛА оперативно-тактичного рівня')).toEqual({ category: 'uav', language: 'uk' });
      expect(matchLabel('БПЛА оперативно-тактичного рівня')).toEqual({ category: 'uav', language: 'uk' });
      expect(matchLabel('БпЛА')).toEqual({ category: 'uav', language: 'uk' });
    });

    it('ignores a leading bullet and trailing punctuation', () => {
      expect(matchLabel('• танків')).toEqual({ category: 'tanks', language: 'uk' });
      expect(matchLabel('Personnel:')).toEqual({ category: 'personnel', language: 'en' });
      expect(matchLabel('special equipment.')).toEqual({ category: 'special_equipment', language: 'en' });
    });
  });

  describe('unknown labels', () => {
    it('returns null for a label no category takes', () => {
      expect(matchLabel('верблюдів')).toBe(null);
      expect(matchLabel('camels')).toBe(null);
      expect(matchLabel('Pferde')).toBe(null);
    });

    it('returns null for prose of the report', () => {
      expect(matchLabel('Data are being updated')).toBe(null);
      expect(matchLabel('Strike the occupier')).toBe(null);
    });

    it('returns null for an empty label or one without letters', () => {
      expect(matchLabel('')).toBe(null);
      expect(matchLabel('   ')).toBe(null);
      expect(matchLabel('—')).toBe(null);
    });

    it('does not match a phrase inside a longer word ("танкістів", "Panzerfaust")', () => {
      expect(matchLabel('танкістів')).toBe(null);
      expect(matchLabel('танкіст')).toBe(null);
      expect(matchLabel('автоцистерна')).toBe(null);
      expect(matchLabel('Panzerfaust')).toBe(null);
    });
  });
});
