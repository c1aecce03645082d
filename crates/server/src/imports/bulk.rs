//! Creating a chunk's new customers in one statement (issue 31).
//!
//! Why: a chunk of 1,000 rows written 25 rows an INSERT spent most of its time in 40
//! statements of 500 bound values each (sqlx binds them one by one, and on SQLite the
//! cost grows faster than the number of values). Here the rows travel as one JSON
//! array bound as one text value, which the database itself expands
//! (`jsonb_array_elements` on PostgreSQL, `json_each` on SQLite) into one `INSERT …
//! SELECT`: one small statement, prepared once per connection, one round trip.
//!
//! The guarantees stay those of the row path ([`crate::imports::import`]): rows are
//! inserted in the order given (the plan's global order, so overlapping chunks wait for
//! each other rather than deadlock), each yields to the unique indexes (`ON CONFLICT DO
//! NOTHING`, so a row a concurrent chunk created first is left out and answered as
//! taken), and everything happens inside the chunk's transaction. `COPY` into a staging
//! table was the other candidate on PostgreSQL; it needs sqlx's `PgConnection`, which the
//! `Any` connection every transaction here runs on does not hand out.
//!
//! [`taken`] answers, also in one statement, which unique values of the rows the indexes
//! refused the project already has: a chunk sent again after its first answer was lost
//! may have a thousand such rows.

use std::collections::HashMap;

use customer_import_domain::validate::{Customer, FieldError, Problem};
use serde::{Serialize, Serializer, ser::SerializeTuple};
use sqlx::AnyConnection;

use crate::{db::json_text, error::AppError, imports::refs::Refs};

/// How a chunk's new customers are written. `Rows` is the path before issue 31 (25
/// rows an INSERT, a lookup per refused row), kept as the reference the bulk path is
/// tested against (`tests/server/bulk.rs`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Creating {
    #[default]
    Bulk,
    Rows,
}

/// A valid row on its way into the database, with its group's id.
pub struct NewCustomer<'a> {
    /// Its place in the chunk.
    pub index: usize,
    pub row: u64,
    pub customer: &'a Customer,
    pub group_id: Option<i64>,
}

/// The columns of a new customer, in the order [`Element`] writes them after the
/// project and batch; `created_at` last.
pub const COLUMNS: &str = "project_id, unit_id, batch_id, name, email, phone, birth_date, address,
    postal_code, city, country, company_name, business_id, company_type_id, customer_group_id,
    account_manager_id, external_id, notes, custom_fields, source_row, created_at";

/// PostgreSQL: element `n` of the array as the column's type. `jsonb` is parsed once,
/// then each element's members are reached without parsing again.
const PG_SOURCE: &str = "SELECT $1, (r.v->>0)::bigint, $2, r.v->>1, r.v->>2, r.v->>3, r.v->>4,
    r.v->>5, r.v->>6, r.v->>7, r.v->>8, r.v->>9, r.v->>10, (r.v->>11)::bigint,
    (r.v->>12)::bigint, (r.v->>13)::bigint, r.v->>14, r.v->>15, r.v->>16,
    (r.v->>17)::integer, CAST(CURRENT_TIMESTAMP AS TEXT)
    FROM jsonb_array_elements(CAST($3 AS jsonb)) WITH ORDINALITY AS r(v, n) ORDER BY r.n";

/// SQLite: `->>` answers JSON numbers as integers and strings as text. `WHERE true`
/// keeps the parser from reading `ON CONFLICT` as a join's `ON` (SQLite's documented
/// ambiguity of `INSERT … SELECT … ON CONFLICT`).
const SQLITE_SOURCE: &str = "SELECT $1, r.value->>0, $2, r.value->>1, r.value->>2, r.value->>3,
    r.value->>4, r.value->>5, r.value->>6, r.value->>7, r.value->>8, r.value->>9,
    r.value->>10, r.value->>11, r.value->>12, r.value->>13, r.value->>14, r.value->>15,
    r.value->>16, r.value->>17, CAST(CURRENT_TIMESTAMP AS TEXT)
    FROM json_each($3) AS r WHERE true ORDER BY r.key";

/// Whether the connection is PostgreSQL's (else SQLite's): the two expand JSON with
/// different functions.
fn is_postgres(conn: &AnyConnection) -> bool {
    conn.backend_name().eq_ignore_ascii_case("PostgreSQL")
}

/// Creates the customers in one statement, in the order given; answers the ids created
/// for each row number, the last row's first (a client may number two rows alike: ids
/// rise in the order rows are written, so each takes its own, as on the row path). A
/// row left out was refused by a unique index: the indexes decide, also against a
/// concurrent chunk (PostgreSQL waits for it to commit).
pub async fn insert(
    conn: &mut AnyConnection,
    refs: &Refs,
    project: i64,
    batch: i64,
    rows: &[NewCustomer<'_>],
) -> Result<HashMap<u64, Vec<i64>>, AppError> {
    if rows.is_empty() {
        return Ok(HashMap::new());
    }
    let elements: Vec<Element> = rows.iter().map(|r| Element { refs, new: r }).collect();
    let json = json_text(&elements)?;
    let source = if is_postgres(conn) {
        PG_SOURCE
    } else {
        SQLITE_SOURCE
    };
    let sql = format!(
        "INSERT INTO customers ({COLUMNS}) {source} ON CONFLICT DO NOTHING RETURNING id, source_row"
    );
    let created: Vec<Created> = sqlx::query_as(&sql)
        .bind(project)
        .bind(batch)
        .bind(json)
        .fetch_all(&mut *conn)
        .await?;
    Ok(ids_by_row(created))
}

/// A customer the statement created.
#[derive(sqlx::FromRow)]
struct Created {
    id: i64,
    source_row: i64,
}

/// The ids created for each row number, highest first, so that `pop` hands the rows of
/// one number their ids in the order they were written.
fn ids_by_row(mut created: Vec<Created>) -> HashMap<u64, Vec<i64>> {
    created.sort_unstable_by_key(|c| c.id);
    let mut ids: HashMap<u64, Vec<i64>> = HashMap::new();
    for c in created.into_iter().rev() {
        ids.entry(c.source_row as u64).or_default().push(c.id);
    }
    ids
}

/// One row as the array `[unit_id, name, email, …, source_row]` the statements read by
/// position: shorter than an object, and read without looking up names.
struct Element<'a> {
    refs: &'a Refs,
    new: &'a NewCustomer<'a>,
}

impl Serialize for Element<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let Element { refs, new } = self;
        let c = new.customer;
        let lookup = |map: &HashMap<String, i64>, key: &Option<String>| {
            key.as_ref().and_then(|k| map.get(k).copied())
        };
        let custom =
            (!c.custom.is_empty()).then(|| serde_json::to_string(&c.custom).unwrap_or_default());
        let mut t = s.serialize_tuple(18)?;
        t.serialize_element(&lookup(&refs.units, &c.unit))?;
        t.serialize_element(&c.name)?;
        t.serialize_element(&c.email)?;
        t.serialize_element(&c.phone)?;
        t.serialize_element(&c.birth_date)?;
        t.serialize_element(&c.address)?;
        t.serialize_element(&c.postal_code)?;
        t.serialize_element(&c.city)?;
        t.serialize_element(&c.country.map(|k| k.code()))?;
        t.serialize_element(&c.company_name)?;
        t.serialize_element(&c.business_id)?;
        t.serialize_element(&lookup(&refs.company_types, &c.company_type))?;
        t.serialize_element(&new.group_id)?;
        t.serialize_element(&lookup(&refs.managers, &c.account_manager))?;
        t.serialize_element(&c.external_id)?;
        t.serialize_element(&c.notes)?;
        t.serialize_element(&custom)?;
        t.serialize_element(&(new.row as i64))?;
        t.end()
    }
}

/// For each customer (rows the unique indexes refused), which of its unique values the
/// project already has, in one statement; a row whose values are both free again (the
/// customer that held one was removed meanwhile) is answered as its e-mail taken, as
/// on the row path.
pub async fn taken(
    conn: &mut AnyConnection,
    project: i64,
    customers: &[&Customer],
) -> Result<Vec<Vec<FieldError>>, AppError> {
    if customers.is_empty() {
        return Ok(Vec::new());
    }
    let keys: Vec<(Option<&str>, Option<&str>)> = customers
        .iter()
        .map(|c| (c.email.as_deref(), c.external_id.as_deref()))
        .collect();
    let json = json_text(&keys)?;
    // `email IS NOT NULL` lets both databases use the partial unique indexes; 1 and 0
    // rather than booleans, which SQLite has not.
    let sql = if is_postgres(conn) {
        "SELECT r.n - 1 AS position,
             CASE WHEN EXISTS (SELECT 1 FROM customers c WHERE c.project_id = $1
                 AND c.email IS NOT NULL AND lower(c.email) = lower(r.v->>0))
             THEN 1 ELSE 0 END AS email,
             CASE WHEN EXISTS (SELECT 1 FROM customers c WHERE c.project_id = $1
                 AND c.external_id = r.v->>1)
             THEN 1 ELSE 0 END AS external_id
         FROM jsonb_array_elements(CAST($2 AS jsonb)) WITH ORDINALITY AS r(v, n)"
    } else {
        "SELECT r.key AS position,
             CASE WHEN EXISTS (SELECT 1 FROM customers c WHERE c.project_id = $1
                 AND c.email IS NOT NULL AND lower(c.email) = lower(r.value->>0))
             THEN 1 ELSE 0 END AS email,
             CASE WHEN EXISTS (SELECT 1 FROM customers c WHERE c.project_id = $1
                 AND c.external_id = r.value->>1)
             THEN 1 ELSE 0 END AS external_id
         FROM json_each($2) AS r"
    };
    let found: Vec<Taken> = sqlx::query_as(sql)
        .bind(project)
        .bind(json)
        .fetch_all(&mut *conn)
        .await?;
    let mut errors = vec![Vec::new(); customers.len()];
    for t in found {
        let Ok(p) = usize::try_from(t.position) else {
            continue;
        };
        let (Some(list), Some(c)) = (errors.get_mut(p), customers.get(p)) else {
            continue;
        };
        if t.email != 0 {
            list.push(taken_error(
                "email",
                Problem::EmailTaken,
                c.email.as_deref(),
            ));
        }
        if t.external_id != 0 {
            list.push(taken_error(
                "external_id",
                Problem::ExternalIdTaken,
                c.external_id.as_deref(),
            ));
        }
    }
    for (list, c) in errors.iter_mut().zip(customers) {
        // Only e-mail and external id are unique, so one of them was taken.
        if list.is_empty() {
            list.push(taken_error(
                "email",
                Problem::EmailTaken,
                c.email.as_deref(),
            ));
        }
    }
    Ok(errors)
}

/// Which of a refused row's unique values are taken, by its position among those asked.
#[derive(sqlx::FromRow)]
struct Taken {
    position: i64,
    email: i64,
    external_id: i64,
}

pub fn taken_error(field: &str, problem: Problem, value: Option<&str>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        problem,
        value: value.unwrap_or_default().to_owned(),
        other_row: None,
    }
}
