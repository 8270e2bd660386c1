//! Built-in texts for every standard HTTP 4xx and 5xx status code.
//!
//! Each status has its canonical English reason phrase (RFC 9110 and the
//! RFCs registered with IANA) plus a visitor-facing title, a short text and
//! a piece of advice, in English and French. The texts are meant for
//! ordinary visitors: plain, friendly, short, and never blaming them.
//!
//! French texts follow French typography: the real apostrophe `’` and a
//! non-breaking space (U+00A0, written `\u{a0}` below) before `?`, `!`, `:`
//! and `;`.

/// Human texts for one HTTP status, in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StatusText {
    pub code: u16,
    /// Canonical English reason phrase, e.g. "Service Unavailable" (same in
    /// every language; used in HTTP status lines).
    pub reason: &'static str,
    pub title: &'static str,
    pub text: &'static str,
    pub advice: &'static str,
}

/// Languages with their own texts; any other language falls back to English.
pub const LANGUAGES: &[&str] = &["en", "fr"];

/// The texts for `code` in `lang` ("fr", "fr-FR", "fr_CA" all mean French;
/// matching is on the primary subtag, case-insensitive), English when the
/// language has none. None when the code is not in the table.
pub fn lookup(code: u16, lang: &str) -> Option<StatusText> {
    let row = row(code)?;
    let texts = match Lang::parse(lang) {
        Lang::En => &row.en,
        Lang::Fr => &row.fr,
    };
    Some(StatusText {
        code: row.code,
        reason: row.reason,
        title: texts.title,
        text: texts.text,
        advice: texts.advice,
    })
}

/// Every code in the table, ascending.
pub fn codes() -> impl Iterator<Item = u16> {
    TABLE.iter().map(|row| row.code)
}

/// Canonical reason phrase, None for codes not in the table.
pub fn reason(code: u16) -> Option<&'static str> {
    row(code).map(|row| row.reason)
}

/// A language that has its own texts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    En,
    Fr,
}

impl Lang {
    /// Matches on the primary subtag ("fr-FR", "fr_CA" → French),
    /// case-insensitively; anything unknown is English.
    fn parse(tag: &str) -> Self {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }
}

/// Title, text and advice in one language.
#[derive(Debug)]
struct Texts {
    title: &'static str,
    text: &'static str,
    advice: &'static str,
}

/// One status code with its texts in every language.
#[derive(Debug)]
struct Row {
    code: u16,
    reason: &'static str,
    en: Texts,
    fr: Texts,
}

fn row(code: u16) -> Option<&'static Row> {
    TABLE
        .binary_search_by_key(&code, |row| row.code)
        .ok()
        .map(|index| &TABLE[index])
}

/// Shorthand for a table row, to keep the data readable.
const fn r(code: u16, reason: &'static str, en: [&'static str; 3], fr: [&'static str; 3]) -> Row {
    Row {
        code,
        reason,
        en: Texts {
            title: en[0],
            text: en[1],
            advice: en[2],
        },
        fr: Texts {
            title: fr[0],
            text: fr[1],
            advice: fr[2],
        },
    }
}

/// The table, sorted by code (checked by the tests; `row` relies on it).
/// Each language is `[title, text, advice]`.
const TABLE: &[Row] = &[
    r(
        400,
        "Bad Request",
        [
            "This link didn’t work",
            "The website couldn’t understand this request. The link may be incomplete or damaged.",
            "Go back to the home page and try again from there.",
        ],
        [
            "Ce lien n’a pas fonctionné",
            "Le site n’a pas pu comprendre cette demande. Le lien est peut-être incomplet ou abîmé.",
            "Revenez à la page d’accueil et réessayez à partir de là.",
        ],
    ),
    r(
        401,
        "Unauthorized",
        [
            "Please sign in first",
            "This page is only available to signed-in visitors.",
            "Sign in to your account, then open this page again.",
        ],
        [
            "Veuillez d’abord vous connecter",
            "Cette page est réservée aux visiteurs connectés.",
            "Connectez-vous à votre compte, puis rouvrez cette page.",
        ],
    ),
    r(
        402,
        "Payment Required",
        [
            "Payment needed",
            "This content needs a payment or an active subscription before it can be shown.",
            "Check your subscription or payment details, then try again.",
        ],
        [
            "Paiement nécessaire",
            "Ce contenu nécessite un paiement ou un abonnement actif pour être affiché.",
            "Vérifiez votre abonnement ou vos informations de paiement, puis réessayez.",
        ],
    ),
    r(
        403,
        "Forbidden",
        [
            "This page is private",
            "Access to this page is restricted.",
            "Head back to the home page, or contact us if you think you should have access.",
        ],
        [
            "Cette page est privée",
            "L’accès à cette page est restreint.",
            "Retournez à la page d’accueil, ou contactez-nous si vous pensez devoir y avoir accès.",
        ],
    ),
    r(
        404,
        "Not Found",
        [
            "Page not found",
            "We couldn’t find this page. It may have moved or no longer exist.",
            "Try the home page or the search to find what you’re looking for.",
        ],
        [
            "Page introuvable",
            "Nous n’avons pas trouvé cette page. Elle a peut-être été déplacée ou n’existe plus.",
            "Passez par la page d’accueil ou la recherche pour trouver ce que vous cherchez.",
        ],
    ),
    r(
        405,
        "Method Not Allowed",
        [
            "This action isn’t possible here",
            "This page can’t be used that way.",
            "Go back to the previous page and try again.",
        ],
        [
            "Action impossible ici",
            "Cette page ne peut pas être utilisée de cette façon.",
            "Revenez à la page précédente et réessayez.",
        ],
    ),
    r(
        406,
        "Not Acceptable",
        [
            "We can’t show this page",
            "We couldn’t provide this page in a format your browser accepts.",
            "Try again with another browser, or visit the home page.",
        ],
        [
            "Affichage impossible",
            "Nous ne pouvons pas fournir cette page dans un format accepté par votre navigateur.",
            "Essayez avec un autre navigateur, ou rendez-vous sur la page d’accueil.",
        ],
    ),
    r(
        407,
        "Proxy Authentication Required",
        [
            "Network sign-in required",
            "The network you’re using asks you to sign in before you can reach this site.",
            "Sign in to your network, or ask whoever manages it, then try again.",
        ],
        [
            "Identification au réseau requise",
            "Le réseau que vous utilisez demande une identification avant d’accéder à ce site.",
            "Identifiez-vous sur votre réseau, ou demandez à son responsable, puis réessayez.",
        ],
    ),
    r(
        408,
        "Request Timeout",
        [
            "This took too long",
            "The page waited too long for the connection and stopped.",
            "Reload the page to try again.",
        ],
        [
            "Délai dépassé",
            "La page a attendu trop longtemps la connexion et s’est arrêtée.",
            "Rechargez la page pour réessayer.",
        ],
    ),
    r(
        409,
        "Conflict",
        [
            "Something changed meanwhile",
            "This couldn’t be completed because the content changed in the meantime.",
            "Reload the page and try again.",
        ],
        [
            "Le contenu a changé entre-temps",
            "L’action n’a pas pu aboutir, car le contenu a changé entre-temps.",
            "Rechargez la page et réessayez.",
        ],
    ),
    r(
        410,
        "Gone",
        [
            "This page is gone",
            "This page has been removed and won’t be coming back.",
            "Visit the home page to find what’s new.",
        ],
        [
            "Cette page n’existe plus",
            "Cette page a été supprimée définitivement.",
            "Rendez-vous sur la page d’accueil pour découvrir les nouveautés.",
        ],
    ),
    r(
        411,
        "Length Required",
        [
            "Something was missing",
            "Some information needed to complete this was missing.",
            "Go back and try again.",
        ],
        [
            "Il manque une information",
            "Une information nécessaire pour traiter cette demande était manquante.",
            "Revenez en arrière et réessayez.",
        ],
    ),
    r(
        412,
        "Precondition Failed",
        [
            "The page has changed",
            "The content changed since the page was loaded, so this action was stopped.",
            "Reload the page and try again.",
        ],
        [
            "La page a changé",
            "Le contenu a changé depuis le chargement de la page, l’action a donc été interrompue.",
            "Rechargez la page et réessayez.",
        ],
    ),
    r(
        413,
        "Content Too Large",
        [
            "That was too large",
            "What was sent is larger than this site can accept.",
            "Try again with a smaller file or less content.",
        ],
        [
            "Envoi trop volumineux",
            "Ce qui a été envoyé dépasse la taille acceptée par ce site.",
            "Réessayez avec un fichier plus petit ou moins de contenu.",
        ],
    ),
    r(
        414,
        "URI Too Long",
        [
            "This link is too long",
            "The address of this page is longer than the site can handle.",
            "Go to the home page and continue from there.",
        ],
        [
            "Ce lien est trop long",
            "L’adresse de cette page est plus longue que ce que le site peut traiter.",
            "Allez sur la page d’accueil et continuez à partir de là.",
        ],
    ),
    r(
        415,
        "Unsupported Media Type",
        [
            "File type not supported",
            "This site can’t accept this type of file or content.",
            "Try again with a different file format.",
        ],
        [
            "Format de fichier non accepté",
            "Ce site ne peut pas accepter ce type de fichier ou de contenu.",
            "Réessayez avec un autre format de fichier.",
        ],
    ),
    r(
        416,
        "Range Not Satisfiable",
        [
            "This part isn’t available",
            "The part of the file that was asked for isn’t available.",
            "Reload the page or download the file again from the start.",
        ],
        [
            "Partie indisponible",
            "La partie du fichier demandée n’est pas disponible.",
            "Rechargez la page ou téléchargez à nouveau le fichier depuis le début.",
        ],
    ),
    r(
        417,
        "Expectation Failed",
        [
            "This couldn’t be completed",
            "The website couldn’t meet a condition needed to handle this request.",
            "Please try again in a moment.",
        ],
        [
            "Action impossible à terminer",
            "Le site n’a pas pu remplir une condition nécessaire pour traiter cette demande.",
            "Veuillez réessayer dans un instant.",
        ],
    ),
    r(
        418,
        "I'm a teapot",
        [
            "I’m a teapot",
            "This server is a teapot, and teapots don’t brew coffee.",
            "Why not enjoy a nice cup of tea, then head back to the home page?",
        ],
        [
            "Je suis une théière",
            "Ce serveur est une théière, et les théières ne font pas de café.",
            "Et si vous preniez plutôt un thé avant de revenir à la page d’accueil\u{a0}?",
        ],
    ),
    r(
        421,
        "Misdirected Request",
        [
            "Wrong destination",
            "Your visit was sent to the wrong place on our side.",
            "Reload the page in a moment.",
        ],
        [
            "Mauvaise destination",
            "Votre visite a été envoyée au mauvais endroit de notre côté.",
            "Rechargez la page dans un instant.",
        ],
    ),
    r(
        422,
        "Unprocessable Content",
        [
            "Some details need a second look",
            "Some of the information couldn’t be processed.",
            "Go back, review the information and try again.",
        ],
        [
            "Informations à vérifier",
            "Certaines informations n’ont pas pu être traitées.",
            "Revenez en arrière, vérifiez les informations et réessayez.",
        ],
    ),
    r(
        423,
        "Locked",
        [
            "This is locked for now",
            "This content is temporarily locked, usually because it’s being updated.",
            "Please try again in a few minutes.",
        ],
        [
            "Contenu verrouillé",
            "Ce contenu est temporairement verrouillé, généralement parce qu’il est en cours de mise à jour.",
            "Veuillez réessayer dans quelques minutes.",
        ],
    ),
    r(
        424,
        "Failed Dependency",
        [
            "A previous step failed",
            "This action depended on another one that didn’t go through.",
            "Please start again from the beginning.",
        ],
        [
            "Une étape précédente a échoué",
            "Cette action dépendait d’une autre qui n’a pas abouti.",
            "Veuillez recommencer depuis le début.",
        ],
    ),
    r(
        425,
        "Too Early",
        [
            "A little too early",
            "The site wasn’t ready to handle this yet.",
            "Wait a moment, then reload the page.",
        ],
        [
            "Un peu trop tôt",
            "Le site n’était pas encore prêt à traiter cette demande.",
            "Patientez un instant, puis rechargez la page.",
        ],
    ),
    r(
        426,
        "Upgrade Required",
        [
            "A newer connection is needed",
            "This site needs a newer type of connection than the one being used.",
            "Update your browser or try another one, then reload the page.",
        ],
        [
            "Connexion plus récente requise",
            "Ce site nécessite un type de connexion plus récent que celui utilisé.",
            "Mettez à jour votre navigateur ou essayez-en un autre, puis rechargez la page.",
        ],
    ),
    r(
        428,
        "Precondition Required",
        [
            "Please reload the page first",
            "To avoid overwriting recent changes, the site needs an up-to-date copy of the page.",
            "Reload the page and try again.",
        ],
        [
            "Veuillez d’abord recharger la page",
            "Pour éviter d’écraser des modifications récentes, le site a besoin d’une version à jour de la page.",
            "Rechargez la page et réessayez.",
        ],
    ),
    r(
        429,
        "Too Many Requests",
        [
            "We’re very busy right now",
            "Lots of people are visiting at the same time, so we’re slowing things down for a moment.",
            "Please wait a minute, then reload the page.",
        ],
        [
            "Nous sommes très sollicités",
            "Beaucoup de visiteurs se connectent en même temps, alors nous ralentissons un peu le rythme.",
            "Patientez une minute, puis rechargez la page.",
        ],
    ),
    r(
        431,
        "Request Header Fields Too Large",
        [
            "Too much browser data",
            "Your browser sent more information than the site can handle, often because of old cookies.",
            "Clear this site’s cookies, or open it in a private window.",
        ],
        [
            "Trop de données du navigateur",
            "Votre navigateur a envoyé plus d’informations que le site ne peut en traiter, souvent à cause d’anciens cookies.",
            "Effacez les cookies de ce site, ou ouvrez-le dans une fenêtre de navigation privée.",
        ],
    ),
    r(
        451,
        "Unavailable For Legal Reasons",
        [
            "Unavailable for legal reasons",
            "This content can’t be shown here for legal reasons.",
            "Visit the home page to see what else is available.",
        ],
        [
            "Indisponible pour raisons légales",
            "Ce contenu ne peut pas être affiché ici pour des raisons légales.",
            "Rendez-vous sur la page d’accueil pour découvrir le reste du site.",
        ],
    ),
    r(
        500,
        "Internal Server Error",
        [
            "Something went wrong on our side",
            "An unexpected problem occurred on our side. It’s not your fault.",
            "Please try again in a few minutes.",
        ],
        [
            "Un problème de notre côté",
            "Un problème inattendu est survenu de notre côté. Vous n’y êtes pour rien.",
            "Veuillez réessayer dans quelques minutes.",
        ],
    ),
    r(
        501,
        "Not Implemented",
        [
            "Not available yet",
            "This feature isn’t available on the site yet.",
            "Go back to the home page to continue your visit.",
        ],
        [
            "Pas encore disponible",
            "Cette fonctionnalité n’est pas encore disponible sur le site.",
            "Retournez à la page d’accueil pour poursuivre votre visite.",
        ],
    ),
    r(
        502,
        "Bad Gateway",
        [
            "Temporary connection problem",
            "One of our servers didn’t respond properly. This is usually over quickly.",
            "Wait a moment, then reload the page.",
        ],
        [
            "Problème de connexion temporaire",
            "Un de nos serveurs n’a pas répondu correctement. Cela se règle généralement vite.",
            "Patientez un instant, puis rechargez la page.",
        ],
    ),
    r(
        503,
        "Service Unavailable",
        [
            "We’ll be right back",
            "The site is very busy right now, or briefly down for maintenance. We’ll be back shortly.",
            "Please try again in a few minutes.",
        ],
        [
            "Nous revenons très vite",
            "Le site est très sollicité en ce moment, ou brièvement en maintenance. Nous serons de retour sous peu.",
            "Veuillez réessayer dans quelques minutes.",
        ],
    ),
    r(
        504,
        "Gateway Timeout",
        [
            "The site is very busy",
            "The page took too long to load because the site is very busy. It should be back shortly.",
            "Wait a moment, then reload the page.",
        ],
        [
            "Le site est très sollicité",
            "La page a mis trop de temps à se charger, car le site est très sollicité. Tout devrait rentrer dans l’ordre sous peu.",
            "Patientez un instant, puis rechargez la page.",
        ],
    ),
    r(
        505,
        "HTTP Version Not Supported",
        [
            "Browser not supported",
            "This site couldn’t communicate with your browser in a way it understands.",
            "Update your browser or try another one.",
        ],
        [
            "Navigateur non pris en charge",
            "Ce site n’a pas pu communiquer avec votre navigateur d’une manière qu’il comprend.",
            "Mettez à jour votre navigateur ou essayez-en un autre.",
        ],
    ),
    r(
        506,
        "Variant Also Negotiates",
        [
            "Site setup problem",
            "The site has a configuration problem on our side. It’s not your fault.",
            "Please try again later.",
        ],
        [
            "Problème de configuration",
            "Le site rencontre un problème de configuration de notre côté. Vous n’y êtes pour rien.",
            "Veuillez réessayer plus tard.",
        ],
    ),
    r(
        507,
        "Insufficient Storage",
        [
            "We’re out of space",
            "The site has run out of storage space and can’t save this right now.",
            "Please try again later.",
        ],
        [
            "Espace de stockage insuffisant",
            "Le site manque d’espace de stockage et ne peut pas enregistrer ceci pour le moment.",
            "Veuillez réessayer plus tard.",
        ],
    ),
    r(
        508,
        "Loop Detected",
        [
            "We got stuck in a loop",
            "The site went round in circles while handling this, so it stopped.",
            "Please try again later, or go back to the home page.",
        ],
        [
            "Le site tourne en rond",
            "Le site a tourné en boucle en traitant cette demande et s’est arrêté.",
            "Veuillez réessayer plus tard, ou revenez à la page d’accueil.",
        ],
    ),
    r(
        510,
        "Not Extended",
        [
            "This couldn’t be handled",
            "The site needed extra information to handle this request.",
            "Go back to the home page and try again from there.",
        ],
        [
            "Demande impossible à traiter",
            "Le site avait besoin d’informations supplémentaires pour traiter cette demande.",
            "Revenez à la page d’accueil et réessayez à partir de là.",
        ],
    ),
    r(
        511,
        "Network Authentication Required",
        [
            "Sign in to the network",
            "The Wi-Fi or network you’re using asks you to sign in before you can browse.",
            "Open any page to reach the network’s sign-in page, then come back here.",
        ],
        [
            "Connectez-vous au réseau",
            "Le Wi-Fi ou le réseau que vous utilisez demande une connexion avant de pouvoir naviguer.",
            "Ouvrez une page pour accéder à l’écran de connexion du réseau, puis revenez ici.",
        ],
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    const EXPECTED_CODES: &[u16] = &[
        400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417,
        418, 421, 422, 423, 424, 425, 426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 506,
        507, 508, 510, 511,
    ];

    fn all_texts() -> impl Iterator<Item = StatusText> {
        codes().flat_map(|code| {
            LANGUAGES
                .iter()
                .map(move |lang| lookup(code, lang).unwrap())
        })
    }

    fn french_texts() -> impl Iterator<Item = (u16, &'static str)> {
        codes().flat_map(|code| {
            let t = lookup(code, "fr").unwrap();
            [(code, t.title), (code, t.text), (code, t.advice)]
        })
    }

    #[test]
    fn covers_exactly_the_expected_codes() {
        assert_eq!(codes().collect::<Vec<_>>(), EXPECTED_CODES);
    }

    #[test]
    fn sorted_without_duplicates() {
        let all: Vec<u16> = codes().collect();
        assert!(all.windows(2).all(|w| w[0] < w[1]), "{all:?}");
    }

    #[test]
    fn every_code_has_texts_in_every_language() {
        for code in codes() {
            for lang in LANGUAGES {
                let t = lookup(code, lang).unwrap();
                assert_eq!(t.code, code);
                for s in [t.reason, t.title, t.text, t.advice] {
                    assert!(!s.trim().is_empty(), "{code} {lang}: empty text");
                    assert_eq!(s, s.trim(), "{code} {lang}: stray whitespace");
                    assert!(!s.contains("  "), "{code} {lang}: double space");
                }
            }
            let en = lookup(code, "en").unwrap();
            let fr = lookup(code, "fr").unwrap();
            assert_ne!(en.title, fr.title, "{code}: French title not translated");
            assert_ne!(en.text, fr.text, "{code}: French text not translated");
            assert_ne!(en.advice, fr.advice, "{code}: French advice not translated");
        }
    }

    #[test]
    fn texts_are_short() {
        for t in all_texts() {
            let words = t.title.split_whitespace().count();
            assert!(words <= 6, "{}: title too long: {}", t.code, t.title);
            assert!(
                !t.title.ends_with('.'),
                "{}: title ends with a period",
                t.code
            );
            for s in [t.text, t.advice] {
                assert!(
                    s.ends_with(['.', '?', '!']),
                    "{}: missing final punctuation: {s}",
                    t.code
                );
            }
        }
    }

    #[test]
    fn reasons_are_canonical_and_ascii() {
        assert_eq!(reason(413), Some("Content Too Large"));
        assert_eq!(reason(416), Some("Range Not Satisfiable"));
        assert_eq!(reason(422), Some("Unprocessable Content"));
        assert_eq!(reason(503), Some("Service Unavailable"));
        assert_eq!(reason(499), None);
        for code in codes() {
            let r = reason(code).unwrap();
            assert!(
                r.is_ascii(),
                "{code}: reason must be ASCII for status lines"
            );
            assert_eq!(lookup(code, "fr").unwrap().reason, r);
            assert_eq!(lookup(code, "en").unwrap().reason, r);
        }
    }

    #[test]
    fn french_lookup() {
        let fr = lookup(503, "fr").unwrap();
        assert_eq!(fr.title, "Nous revenons très vite");
        for tag in ["fr-FR", "fr_CA", "FR", "Fr-be", " fr "] {
            assert_eq!(lookup(503, tag), Some(fr), "{tag}");
        }
        assert_ne!(lookup(503, "fr-FR"), lookup(503, "en"));
    }

    #[test]
    fn other_languages_fall_back_to_english() {
        let en = lookup(503, "en").unwrap();
        assert_eq!(en.title, "We’ll be right back");
        for tag in ["de", "en-GB", "", "fry", "french", "x-fr"] {
            assert_eq!(lookup(503, tag), Some(en), "{tag}");
        }
    }

    #[test]
    fn unknown_codes_are_none() {
        assert_eq!(lookup(499, "en"), None);
        assert_eq!(lookup(499, "fr"), None);
        assert_eq!(lookup(200, "en"), None);
        assert_eq!(lookup(599, "en"), None);
        assert_eq!(reason(427), None);
    }

    #[test]
    fn typographic_apostrophes_everywhere() {
        for t in all_texts() {
            for s in [t.title, t.text, t.advice] {
                assert!(!s.contains('\''), "{}: ASCII apostrophe in {s:?}", t.code);
            }
        }
    }

    #[test]
    fn french_high_punctuation_has_non_breaking_space() {
        for (code, s) in french_texts() {
            let chars: Vec<char> = s.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if matches!(c, '?' | '!' | ':' | ';') {
                    assert!(
                        i > 0 && chars[i - 1] == '\u{a0}',
                        "{code}: missing U+00A0 before {c:?} in {s:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn serializes_to_json_friendly_fields() {
        fn assert_serialize<T: serde::Serialize>(_: &T) {}
        assert_serialize(&lookup(404, "en").unwrap());
    }
}
