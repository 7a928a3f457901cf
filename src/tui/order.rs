//! How the user arranged the list: the sort order, and what an arranged view was built from.
//!
//! The article set itself comes from the filter (search results, bookmarks, a person); when
//! the list is sorted otherwise than by relevance or shows unread articles only, the set is
//! copied once into [`super::App::view`] in that order ([`super::update`] builds it), and
//! rebuilt only when the set or the arrangement ([`ViewKey`]) changes.

/// How the article list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// Best match first while filtering; page order otherwise.
    #[default]
    Relevance,
    /// Newest first; undated articles last.
    Date,
    /// By region name, then newest first.
    Region,
    /// By kind (news, photos, briefs, commentary), then newest first.
    Kind,
}

impl SortKey {
    /// The next key in the cycle.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Relevance => SortKey::Date,
            SortKey::Date => SortKey::Region,
            SortKey::Region => SortKey::Kind,
            SortKey::Kind => SortKey::Relevance,
        }
    }

    /// Its name in the list title.
    pub fn label(self) -> &'static str {
        match self {
            SortKey::Relevance => "relevance",
            SortKey::Date => "date",
            SortKey::Region => "region",
            SortKey::Kind => "kind",
        }
    }
}

/// What a view was built from: when any of it changes the view is built again. Identities
/// (addresses and lengths) of the sets, compared only.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ViewKey {
    pub(crate) results: usize,
    pub(crate) body: usize,
    pub(crate) subset: usize,
    pub(crate) person: Option<u32>,
    pub(crate) store: usize,
    pub(crate) len: usize,
    pub(crate) sort: SortKey,
    pub(crate) unread_only: bool,
    pub(crate) refresh: u64,
}
