//! Claim changes in German, French and Spanish: a few before/after pairs per language and
//! type, and cosmetic pairs that must give no change.

use super::{ClaimType, compare_sentences};
use crate::segment::Lang;

/// `(type, old, new)` of every claim change between `old` and `new` in `lang`.
fn changes(lang: Lang, old: &str, new: &str) -> Vec<(ClaimType, Option<String>, Option<String>)> {
    compare_sentences(old, new, lang)
        .0
        .into_iter()
        .map(|c| (c.kind, c.old, c.new))
        .collect()
}

/// Assert exactly one change, of type `kind`, from `o` to `n`.
fn one(lang: Lang, old: &str, new: &str, kind: ClaimType, o: Option<&str>, n: Option<&str>) {
    assert_eq!(
        changes(lang, old, new),
        vec![(kind, o.map(str::to_owned), n.map(str::to_owned))],
        "{old} -> {new}"
    );
}

/// Assert a substantive rewording without claim changes.
fn none(lang: Lang, old: &str, new: &str) {
    let (c, sub) = compare_sentences(old, new, lang);
    assert!(c.is_empty(), "{old} -> {new}: {c:?}");
    assert!(sub, "{old} -> {new}: cosmetic");
}

/// Assert a cosmetic rewording (no change, not substantive).
fn cosmetic(lang: Lang, old: &str, new: &str) {
    assert_eq!(
        compare_sentences(old, new, lang),
        (vec![], false),
        "{old} -> {new}"
    );
}

mod de {
    use super::*;
    use ClaimType::*;
    const DE: Lang = Lang::German;

    #[test]
    fn number() {
        one(
            DE,
            "Der Rat hat 1.000 Wohnungen genehmigt.",
            "Der Rat hat 1.200 Wohnungen genehmigt.",
            Number,
            Some("1.000"),
            Some("1.200"),
        );
        one(
            DE,
            "Die Steuer steigt um 3,5 Prozent.",
            "Die Steuer steigt um 4,1 Prozent.",
            Number,
            Some("3,5 Prozent"),
            Some("4,1 Prozent"),
        );
        one(
            DE,
            "Mehr als 60 Länder haben unterschrieben.",
            "Fast 70 Länder haben unterschrieben.",
            Number,
            Some("Mehr als 60"),
            Some("Fast 70"),
        );
        one(
            DE,
            "Der Plan kostet eine Million Euro.",
            "Der Plan kostet zwei Millionen Euro.",
            Number,
            Some("eine Million Euro"),
            Some("zwei Millionen Euro"),
        );
        one(
            DE,
            "Am 3. März 2025 tagte der Rat.",
            "Am 5. März 2025 tagte der Rat.",
            Number,
            Some("3. März 2025"),
            Some("5. März 2025"),
        );
        one(
            DE,
            "Tausende Menschen kamen.",
            "Hunderte Menschen kamen.",
            Number,
            Some("Tausende"),
            Some("Hunderte"),
        );
    }

    #[test]
    fn negation() {
        one(
            DE,
            "Die Stadt wird die Klinik eröffnen.",
            "Die Stadt wird die Klinik nicht eröffnen.",
            Negation,
            None,
            Some("nicht"),
        );
        one(
            DE,
            "Die Stadt baut eine neue Klinik.",
            "Die Stadt baut keine neue Klinik.",
            Negation,
            None,
            Some("keine"),
        );
        one(
            DE,
            "Die Zahlen sind nicht mehr gültig.",
            "Die Zahlen sind gültig.",
            Negation,
            Some("nicht mehr"),
            None,
        );
        // A negator swapped for another keeps the polarity; `nicht nur` does not negate.
        none(DE, "Er war nie dort.", "Er war niemals dort.");
        none(
            DE,
            "Nicht nur die Stadt zahlt.",
            "Nicht nur die Gemeinde zahlt.",
        );
    }

    #[test]
    fn modality_and_hedges() {
        one(
            DE,
            "Die Stadt wird die Klinik eröffnen.",
            "Die Stadt könnte die Klinik eröffnen.",
            Modality,
            Some("wird"),
            Some("könnte"),
        );
        one(
            DE,
            "Die Firma muss zahlen.",
            "Die Firma soll zahlen.",
            Modality,
            Some("muss"),
            Some("soll"),
        );
        one(
            DE,
            "Die Regierung hat die Lager eingerichtet.",
            "Die Regierung hat die sogenannten Lager eingerichtet.",
            Modality,
            None,
            Some("sogenannten"),
        );
        one(
            DE,
            "Der Minister hat angeblich gelogen.",
            "Der Minister hat gelogen.",
            Modality,
            Some("angeblich"),
            None,
        );
    }

    #[test]
    fn attribution() {
        one(
            DE,
            "Die Lager sind Schulen, sagte Wang.",
            "Die Lager sind Schulen, sagte der Sprecher.",
            Attribution,
            Some("sagte Wang"),
            Some("sagte der Sprecher"),
        );
        one(
            DE,
            "Laut Wang ist das falsch.",
            "Laut dem Ministerium ist das falsch.",
            Attribution,
            Some("Laut Wang"),
            Some("Laut dem Ministerium"),
        );
        // A passive reporting verb names no source.
        none(
            DE,
            "Die Lage ist ernst.",
            "Die Lage ist ernst, wurde gesagt.",
        );
    }

    /// German capitalises every noun: only runs of capitalised words, acronyms, listed
    /// institutions and surnames after a title are names.
    #[test]
    fn entity() {
        one(
            DE,
            "Die Regierung hat den Plan gebilligt.",
            "Die Regierung von Olaf Scholz hat den Plan gebilligt.",
            Entity,
            None,
            Some("Olaf Scholz"),
        );
        one(
            DE,
            "Die EU hat zugestimmt.",
            "Die NATO hat zugestimmt.",
            Entity,
            Some("EU"),
            Some("NATO"),
        );
        one(
            DE,
            "Das Treffen fand mit Frau Merkel statt.",
            "Das Treffen fand mit Frau Baerbock statt.",
            Entity,
            Some("Merkel"),
            Some("Baerbock"),
        );
        one(
            DE,
            "Das Gesetz wurde beschlossen.",
            "Das Gesetz wurde vom Bundestag beschlossen.",
            Entity,
            None,
            Some("Bundestag"),
        );
        // Common nouns are no names, replaced or added, with or without an article.
        none(
            DE,
            "Die Regierung hat den Plan gebilligt.",
            "Die Behörde hat den Plan gebilligt.",
        );
        none(
            DE,
            "Die Gemeinde baut ein Haus mit Garten.",
            "Die Gemeinde baut ein Haus mit Hof.",
        );
        none(
            DE,
            "Die Kosten für Häuser sind gestiegen.",
            "Die Kosten für die Häuser sind gestiegen.",
        );
        none(
            DE,
            "Der Plan kostet 3 Millionen Euro.",
            "Der Plan kostet 3 Millionen Euro mehr.",
        );
    }

    #[test]
    fn intensity() {
        one(
            DE,
            "Das ist völlig anders.",
            "Das ist anders.",
            Intensity,
            Some("völlig"),
            None,
        );
        one(
            DE,
            "Viele Anwohner protestierten.",
            "Einige Anwohner protestierten.",
            Intensity,
            Some("Viele"),
            Some("Einige"),
        );
        // German `so` is no intensifier rule.
        none(DE, "Er ist so gekommen.", "Er ist so gegangen.");
    }

    #[test]
    fn cosmetic_pairs() {
        cosmetic(
            DE,
            "Die Steuer steigt um 3,5 Prozent.",
            "Die Steuer steigt um 3,5 %.",
        );
        cosmetic(
            DE,
            "Er sagte, dass es keine Beweise gebe.",
            "Er sagte, daß es keine Beweise gebe.",
        );
        cosmetic(
            DE,
            "Die Kosten  stiegen „stark“.",
            "Die Kosten stiegen \"stark\".",
        );
        cosmetic(DE, "Es kamen 1.500 Menschen.", "Es kamen 1 500 Menschen.");
    }
}

mod fr {
    use super::*;
    use ClaimType::*;
    const FR: Lang = Lang::French;

    #[test]
    fn number() {
        one(
            FR,
            "Le conseil a voté un budget de 1 000 euros.",
            "Le conseil a voté un budget de 1 500 euros.",
            Number,
            Some("1 000 euros"),
            Some("1 500 euros"),
        );
        one(
            FR,
            "La taxe augmente de 3,5 pour cent.",
            "La taxe augmente de 4,1 pour cent.",
            Number,
            Some("3,5 pour cent"),
            Some("4,1 pour cent"),
        );
        one(
            FR,
            "Plus de 60 pays ont signé.",
            "Près de 70 pays ont signé.",
            Number,
            Some("Plus de 60"),
            Some("Près de 70"),
        );
        one(
            FR,
            "Le 5 mars 2025, le conseil a voté.",
            "Le 7 mars 2025, le conseil a voté.",
            Number,
            Some("5 mars 2025"),
            Some("7 mars 2025"),
        );
        one(
            FR,
            "Il y a vingt-deux membres.",
            "Il y a quatre-vingt-deux membres.",
            Number,
            Some("vingt-deux"),
            Some("quatre-vingt-deux"),
        );
        one(
            FR,
            "Le plan coûte deux millions d'euros.",
            "Le plan coûte un million d'euros.",
            Number,
            Some("deux millions"),
            Some("un million"),
        );
    }

    /// `ne ... pas`: the second word carries the negation (`ne` is not listed).
    #[test]
    fn negation() {
        one(
            FR,
            "La ville va ouvrir une clinique.",
            "La ville ne va pas ouvrir de clinique.",
            Negation,
            None,
            Some("pas"),
        );
        one(
            FR,
            "La ville ouvre une clinique.",
            "La ville n'ouvre jamais de clinique.",
            Negation,
            None,
            Some("jamais"),
        );
        one(
            FR,
            "Le gouvernement n'a rien fait.",
            "Le gouvernement a fait quelque chose.",
            Negation,
            Some("rien"),
            None,
        );
        none(
            FR,
            "La ville ne va pas ouvrir de clinique.",
            "La ville ne va jamais ouvrir de clinique.",
        );
        // `ne ... plus` ("no longer") around the verb; `plus de` is a comparison.
        one(
            FR,
            "Il travaille à Paris.",
            "Il ne travaille plus à Paris.",
            Negation,
            None,
            Some("plus"),
        );
        one(
            FR,
            "Il ne gagne pas plus de 60 euros.",
            "Il ne gagne pas plus de 70 euros.",
            Number,
            Some("plus de 60 euros"),
            Some("plus de 70 euros"),
        );
        // `une personne` is a person, not `personne` (nobody).
        none(
            FR,
            "Une personne est venue.",
            "Une personne est venue hier.",
        );
    }

    #[test]
    fn modality_and_hedges() {
        one(
            FR,
            "La ville doit ouvrir une clinique.",
            "La ville pourrait ouvrir une clinique.",
            Modality,
            Some("doit"),
            Some("pourrait"),
        );
        one(
            FR,
            "Les camps existent.",
            "Les prétendus camps existent.",
            Modality,
            None,
            Some("prétendus"),
        );
        one(
            FR,
            "Les soi-disant camps existent.",
            "Les camps existent.",
            Modality,
            Some("soi-disant"),
            None,
        );
    }

    #[test]
    fn attribution() {
        one(
            FR,
            "« C'est faux », a déclaré Wang.",
            "« C'est faux », a déclaré le porte-parole.",
            Attribution,
            Some("déclaré Wang"),
            Some("déclaré le porte-parole"),
        );
        one(
            FR,
            "Selon Wang, c'est faux.",
            "Selon le ministère, c'est faux.",
            Attribution,
            Some("Selon Wang"),
            Some("Selon le ministère"),
        );
    }

    /// Elided articles are split off: `d'Emmanuel Macron`, `l'ONU`.
    #[test]
    fn entity() {
        one(
            FR,
            "Le gouvernement a approuvé le plan.",
            "Le gouvernement d'Emmanuel Macron a approuvé le plan.",
            Entity,
            None,
            Some("Emmanuel Macron"),
        );
        one(
            FR,
            "Le rapport de l'ONU est publié.",
            "Le rapport de l'OMS est publié.",
            Entity,
            Some("ONU"),
            Some("OMS"),
        );
    }

    #[test]
    fn intensity() {
        one(
            FR,
            "C'est complètement différent.",
            "C'est différent.",
            Intensity,
            Some("complètement"),
            None,
        );
        one(
            FR,
            "Plusieurs habitants ont protesté.",
            "Quelques habitants ont protesté.",
            Intensity,
            Some("Plusieurs"),
            Some("Quelques"),
        );
    }

    #[test]
    fn cosmetic_pairs() {
        cosmetic(
            FR,
            "La taxe augmente de 3,5 pour cent.",
            "La taxe augmente de 3,5 %.",
        );
        cosmetic(FR, "Il y a soixante-dix membres.", "Il y a 70 membres.");
        cosmetic(
            FR,
            "C'est l'événement de l'année.",
            "C'est l'evenement de l'année.",
        );
        cosmetic(
            FR,
            "Il compte 10\u{a0}000 habitants.",
            "Il compte 10 000 habitants.",
        );
    }
}

mod es {
    use super::*;
    use ClaimType::*;
    const ES: Lang = Lang::Spanish;

    #[test]
    fn number() {
        one(
            ES,
            "El consejo aprobó 1.000 viviendas.",
            "El consejo aprobó 1.200 viviendas.",
            Number,
            Some("1.000"),
            Some("1.200"),
        );
        one(
            ES,
            "El impuesto sube un 3,5 por ciento.",
            "El impuesto sube un 4,1 por ciento.",
            Number,
            Some("3,5 por ciento"),
            Some("4,1 por ciento"),
        );
        one(
            ES,
            "Más de 60 países firmaron.",
            "Casi 70 países firmaron.",
            Number,
            Some("Más de 60"),
            Some("Casi 70"),
        );
        one(
            ES,
            "El 5 de marzo de 2025 votó el consejo.",
            "El 7 de marzo de 2025 votó el consejo.",
            Number,
            Some("5 de marzo de 2025"),
            Some("7 de marzo de 2025"),
        );
        one(
            ES,
            "Hay treinta y dos miembros.",
            "Hay treinta y cinco miembros.",
            Number,
            Some("treinta y dos"),
            Some("treinta y cinco"),
        );
        one(
            ES,
            "Llegaron miles de personas.",
            "Llegaron cientos de personas.",
            Number,
            Some("miles"),
            Some("cientos"),
        );
    }

    #[test]
    fn negation() {
        one(
            ES,
            "La ciudad abrirá una clínica.",
            "La ciudad no abrirá una clínica.",
            Negation,
            None,
            Some("no"),
        );
        one(
            ES,
            "Nunca estuvo allí.",
            "Estuvo allí.",
            Negation,
            Some("Nunca"),
            None,
        );
        // Negative concord: `no ... ninguna` is one negation.
        one(
            ES,
            "No hay ninguna prueba.",
            "Hay pruebas.",
            Negation,
            Some("No"),
            None,
        );
        none(
            ES,
            "No solo vinieron ellos.",
            "No solo vinieron ellas también.",
        );
    }

    #[test]
    fn modality_and_hedges() {
        one(
            ES,
            "La ciudad puede abrir una clínica.",
            "La ciudad debe abrir una clínica.",
            Modality,
            Some("puede"),
            Some("debe"),
        );
        one(
            ES,
            "Los campos existen.",
            "Los supuestos campos existen.",
            Modality,
            None,
            Some("supuestos"),
        );
        one(
            ES,
            "Presuntamente, el alcalde recibió el dinero.",
            "El alcalde recibió el dinero.",
            Modality,
            Some("Presuntamente"),
            None,
        );
    }

    #[test]
    fn attribution() {
        one(
            ES,
            "El gobierno lo negó, dijo Wang.",
            "El gobierno lo negó, dijo el portavoz.",
            Attribution,
            Some("dijo Wang"),
            Some("dijo el portavoz"),
        );
        one(
            ES,
            "Según Wang, es falso.",
            "Según el ministerio, es falso.",
            Attribution,
            Some("Según Wang"),
            Some("Según el ministerio"),
        );
    }

    #[test]
    fn entity() {
        one(
            ES,
            "El gobierno aprobó el plan.",
            "El gobierno de Pedro Sánchez aprobó el plan.",
            Entity,
            None,
            Some("Pedro Sánchez"),
        );
        one(
            ES,
            "La reunión fue en Madrid.",
            "La reunión fue en Sevilla.",
            Entity,
            Some("Madrid"),
            Some("Sevilla"),
        );
    }

    #[test]
    fn intensity() {
        one(
            ES,
            "Es completamente diferente.",
            "Es diferente.",
            Intensity,
            Some("completamente"),
            None,
        );
        one(
            ES,
            "Muchos vecinos protestaron.",
            "Algunos vecinos protestaron.",
            Intensity,
            Some("Muchos"),
            Some("Algunos"),
        );
    }

    #[test]
    fn cosmetic_pairs() {
        cosmetic(
            ES,
            "El impuesto sube un 3,5 por ciento.",
            "El impuesto sube un 3,5 %.",
        );
        cosmetic(ES, "Hay veintidós miembros.", "Hay 22 miembros.");
        cosmetic(ES, "El plan costó mil euros.", "El plan costó 1.000 euros.");
        cosmetic(
            ES,
            "Solo vinieron tres personas.",
            "Sólo vinieron tres personas.",
        );
    }
}

/// Hedges of every language are tagged `hedge`, in any form.
#[test]
fn hedges_in_every_form() {
    for (lang, old, new) in [
        (
            Lang::German,
            "Die Lager bestehen.",
            "Die sogenannten Lager bestehen.",
        ),
        (
            Lang::French,
            "Les camps existent.",
            "Les prétendus camps existent.",
        ),
        (
            Lang::Spanish,
            "Los campos existen.",
            "Los supuestos campos existen.",
        ),
    ] {
        let (c, _) = compare_sentences(old, new, lang);
        assert!(c[0].is_hedge(), "{new}");
    }
    let (c, _) = compare_sentences("It will rise.", "It may rise.", Lang::English);
    assert!(!c[0].is_hedge());
}

/// The English lists still apply to English only: a German negator is a plain word there.
#[test]
fn lists_follow_the_language() {
    let old = "Die Stadt wird die Klinik eröffnen.";
    let new = "Die Stadt wird die Klinik nicht eröffnen.";
    assert!(changes(Lang::English, old, new).is_empty());
    assert_eq!(changes(Lang::German, old, new).len(), 1);
}
