//! The one error type. Every room returns `Result<_, AppError>`; [`crate::http`] alone
//! decides the status code and the body (`wire::ApiError`, RFC 9457 problem details)
//! of each kind. The client gets a stable code and a safe message; the cause of a
//! server fault is logged once, there. A request's values that cannot be used are
//! data ([`Invalid`]: where, and a typed [`Reason`]), so the answer can list each with
//! its own code and words in the caller's language. This file names nothing else of
//! the crate.

use customer_import_domain::schema::DefinitionError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// No bearer token, or one that is unknown or revoked.
    #[error("a valid bearer token is required")]
    Unauthenticated,
    /// A portal's token that is not valid; the refusal says why.
    #[error("{0}")]
    TokenRefused(TokenRefusal),
    /// Known user, but not allowed to do this.
    #[error("you do not have access to this")]
    Forbidden,
    /// Known user, not allowed to do this particular thing; the code says why (e.g.
    /// `undo.not_allowed`: a member undoing a colleague's import).
    #[error("not allowed: {0}")]
    Refused(&'static str),
    /// The request came from a web page of an origin that is neither ours nor a
    /// configured portal.
    #[error("requests from this web origin are not allowed")]
    OriginNotAllowed,
    /// The request addressed a host name that is not one of the server's public
    /// addresses (the shape of DNS rebinding).
    #[error("this server does not answer for that host name")]
    UnknownHost,
    /// Does not exist, or belongs to another organization: the two are not told apart.
    #[error("not found")]
    NotFound,
    /// The request itself is malformed; the code says how.
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    /// The request conflicts with an earlier one (e.g. an idempotency key reused).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Values the caller sent that are not acceptable: each says where and why.
    #[error("{}", Invalid::list(.0))]
    Invalid(Vec<Invalid>),
    /// The request names what does not exist for it (a chunk's field the project lacks):
    /// the code says what, each problem where.
    #[error("bad request: {code}: {list}", code = .0, list = Invalid::list(.1))]
    BadValues(&'static str, Vec<Invalid>),
    /// The request is well formed but its content cannot be used; the code says why.
    #[error("unprocessable: {0}")]
    Unprocessable(&'static str),
    /// A portal's declaration of a project's own fields that could not be used.
    #[error("{0}")]
    InvalidDefinition(#[from] DefinitionError),
    #[error("too large: {0}")]
    TooLarge(&'static str),
    /// The database cannot answer now (stopped, unreachable, out of disk, busy): the
    /// same request may pass later, so it is answered 503 with `Retry-After`.
    #[error("the database is unavailable: {0}")]
    Unavailable(sqlx::Error),
    /// The database failed the transaction to break a deadlock or a serialization
    /// conflict; [`crate::Db::write`] runs it again.
    #[error("the transaction conflicted with another: {0}")]
    Conflicted(sqlx::Error),
    /// What a request was checked against changed before it was written (a chunk's
    /// rows against the project's units and groups); it is checked again, and told
    /// as a moment's unavailability if that keeps happening.
    #[error("what the request was checked against changed while it was checked")]
    Stale,
    #[error(transparent)]
    Database(sqlx::Error),
    /// Something the server stored itself cannot be read back.
    #[error("stored data is unreadable: {0}")]
    Corrupt(String),
    #[error("writing a workbook failed: {0}")]
    Workbook(#[from] rust_xlsxwriter::XlsxError),
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> AppError {
        if is_conflict(&e) {
            AppError::Conflicted(e)
        } else if is_unavailable(&e) {
            AppError::Unavailable(e)
        } else {
            AppError::Database(e)
        }
    }
}

impl AppError {
    /// One value that is not acceptable.
    pub fn invalid(pointer: impl Into<String>, reason: Reason) -> AppError {
        AppError::Invalid(vec![Invalid::new(pointer, reason)])
    }
}

/// A value of a request that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    /// Where: a JSON Pointer (RFC 6901) into the body (`/custom_fields/0/pattern`), or
    /// `#/path/<name>`, `#/query/<name>` for a value of the URL.
    pub pointer: String,
    pub reason: Reason,
}

impl Invalid {
    pub fn new(pointer: impl Into<String>, reason: Reason) -> Invalid {
        Invalid {
            pointer: pointer.into(),
            reason,
        }
    }

    fn list(problems: &[Invalid]) -> String {
        problems
            .iter()
            .map(|p| format!("{}: {}", p.pointer, p.reason))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Every value of a request checked before any is refused, so one answer lists them
/// all: [`Checks::check`] keeps a value or notes why not, [`Checks::done`] refuses if
/// anything was noted.
#[derive(Debug, Default)]
pub struct Checks(Vec<Invalid>);

impl Checks {
    /// The value, or its type's default while the reason it is not one is noted (the
    /// default is never used: [`Checks::done`] refuses first).
    pub fn check<T: Default, R: Into<Reason>>(
        &mut self,
        pointer: impl Into<String>,
        result: Result<T, R>,
    ) -> T {
        result.unwrap_or_else(|reason| {
            self.0.push(Invalid::new(pointer, reason.into()));
            T::default()
        })
    }

    /// Notes a value that cannot be used.
    pub fn refuse(&mut self, pointer: impl Into<String>, reason: Reason) {
        self.0.push(Invalid::new(pointer, reason));
    }

    /// `Ok` when every value could be used.
    pub fn done(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Invalid(self.0))
        }
    }
}

/// A JSON Pointer's part for `member` (RFC 6901: `~` as `~0`, `/` as `~1`).
pub fn pointer_part(member: &str) -> String {
    member.replace('~', "~0").replace('/', "~1")
}

/// Why a value cannot be used; each has a stable code (`http::error` writes it with
/// its words).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    #[error("empty")]
    Empty,
    #[error("holds a control, bidirectional-override or invisible character")]
    Hidden,
    #[error("too long")]
    TooLong,
    #[error("not an e-mail address")]
    NotAnEmail,
    #[error("not NO, FI or SE")]
    Country,
    /// A project's id the organization does not have.
    #[error("names a project the organization does not have: {0}")]
    UnknownProject(String),
    #[error("not an http(s) URL with a host")]
    UrlMalformed,
    #[error("plain http is only for a loopback address")]
    UrlNotHttps,
    #[error("resolves to a private, loopback or link-local address")]
    UrlPrivate,
    #[error("the host name does not resolve")]
    UrlUnresolved,
    /// A webhook secret that is not one; the words say how.
    #[error("{0}")]
    Secret(&'static str),
    #[error("more than {0}")]
    TooMuch(u64),
    /// A field the project does not have.
    #[error("not a field of this project: {0}")]
    UnknownField(String),
    /// An import chunk's file that is not one of the import's files.
    #[error("not the index of one of the import's files")]
    UnknownFile,
    /// An import chunk of several files that does not say which its rows are of, or
    /// one that names a file without the import's files.
    #[error(
        "a chunk names the file its rows come from when, and only when, it names the import's files"
    )]
    FileUnnamed,
    /// A declaration of a project's own field that cannot be used.
    #[error("{0}")]
    Definition(DefinitionError),
    /// Not of the type or shape this place of the body takes; the JSON reader's
    /// English words say how.
    #[error("{0}")]
    Shape(String),
}

/// Why a portal's token was refused; each is answered 401 with its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenRefusal {
    #[error("the token is not a JWT")]
    Malformed,
    #[error("the token's algorithm is not one this server accepts")]
    Algorithm,
    #[error("the token names a key (kid) this server does not know")]
    UnknownKey,
    #[error("the token's signature does not match")]
    Signature,
    #[error("the token has expired")]
    Expired,
    #[error("the token is not valid yet")]
    NotYetValid,
    #[error("the token was issued by someone else")]
    Issuer,
    #[error("the token is meant for another audience")]
    Audience,
    #[error("the token lacks a claim this server needs, or holds one it cannot store")]
    Claims,
    #[error("the token is valid for longer than a day")]
    Lifetime,
    #[error("the token's organization is not known here")]
    Organization,
    #[error("the token claims a project its organization does not have")]
    Project,
    #[error("the token's e-mail belongs to another user of the organization")]
    EmailTaken,
    #[error("the token's user was archived")]
    UserArchived,
}

impl TokenRefusal {
    pub fn code(self) -> &'static str {
        match self {
            TokenRefusal::Malformed => "auth.token_malformed",
            TokenRefusal::Algorithm => "auth.token_algorithm",
            TokenRefusal::UnknownKey => "auth.token_unknown_key",
            TokenRefusal::Signature => "auth.token_signature",
            TokenRefusal::Expired => "auth.token_expired",
            TokenRefusal::NotYetValid => "auth.token_not_yet_valid",
            TokenRefusal::Issuer => "auth.token_issuer",
            TokenRefusal::Audience => "auth.token_audience",
            TokenRefusal::Claims => "auth.token_claims",
            TokenRefusal::Lifetime => "auth.token_lifetime",
            TokenRefusal::Organization => "auth.token_organization",
            TokenRefusal::Project => "auth.token_project",
            TokenRefusal::EmailTaken => "auth.token_email_taken",
            TokenRefusal::UserArchived => "auth.token_user_archived",
        }
    }
}

/// Whether the database failed the transaction to break a deadlock or keep it
/// serializable: running it again is the cure.
pub fn is_conflict(e: &sqlx::Error) -> bool {
    e.as_database_error()
        .and_then(|d| d.try_downcast_ref::<sqlx::postgres::PgDatabaseError>())
        .is_some_and(|pg| matches!(pg.code(), "40001" | "40P01"))
}

/// Whether the database, not the request, is at fault, so the same request may pass
/// later: it is unreachable, shutting down, out of disk or memory, or busy.
pub fn is_unavailable(e: &sqlx::Error) -> bool {
    use sqlx::Error as E;
    match e {
        E::PoolTimedOut | E::PoolClosed | E::Io(_) | E::Tls(_) | E::WorkerCrashed => true,
        E::Database(d) => {
            if let Some(pg) = d.try_downcast_ref::<sqlx::postgres::PgDatabaseError>() {
                let code = pg.code();
                // 08: connection exception; 53: insufficient resources (disk full,
                // out of memory, too many connections); 57P: shutdown, starting up.
                code.starts_with("08") || code.starts_with("53") || code.starts_with("57P")
            } else {
                // SQLite's extended code; the low byte is the primary one.
                let primary = d
                    .code()
                    .and_then(|c| c.parse::<i32>().ok())
                    .map(|c| c & 0xff);
                // BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN.
                matches!(primary, Some(5 | 6 | 7 | 8 | 10 | 13 | 14))
            }
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outages_are_told_from_faults_of_the_request() {
        assert!(is_unavailable(&sqlx::Error::PoolTimedOut));
        assert!(is_unavailable(&sqlx::Error::Io(std::io::Error::from(
            std::io::ErrorKind::ConnectionRefused
        ))));
        assert!(!is_unavailable(&sqlx::Error::RowNotFound));
        assert!(!is_conflict(&sqlx::Error::RowNotFound));
    }
}
