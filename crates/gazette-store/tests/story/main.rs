//! The story suite of the store: every story runs on every backend, over
//! `&mut dyn Store`, with the same assertions — SQLite in memory (or in a
//! temporary file, for the stories that open a second connection) and
//! PostgreSQL (a new database per story on the server named by
//! `GAZETTE_TEST_POSTGRES`; see `harness`).
//!
//! The stories use the Qingdao sample issue
//! (`tests/fixtures/qingdao-gazette-2019-issue.txt`). Expected values were
//! read by hand from the sample text; ids were computed apart with
//! `printf KEY | sha256sum`. What only one backend has (SQLite's file,
//! its journal mode and online backup; PostgreSQL's migrations table) is
//! tested in that backend's crate.

mod admin;
mod audited;
mod common;
mod fixture;
mod follow;
mod harness;
mod ingest;
mod publication;
mod reindex;
mod status;
mod versions;

/// One test per story and backend: `sqlite::NAME` and `postgres::NAME`.
macro_rules! stories {
    ($($module:ident::$name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    crate::$module::$name(&mut crate::harness::Harness::sqlite());
                }
            )*
        }

        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some(mut harness) = crate::harness::Harness::postgres() {
                        crate::$module::$name(&mut harness);
                    }
                }
            )*
        }
    };
}

stories! {
    follow::a_wait_ends_at_a_commit_of_another_connection_or_at_its_timeout,
    publication::an_issue_keeps_its_publication_and_it_can_be_set_anew,
    admin::corrections_sit_beside_the_document_in_recording_order,
    admin::tokens_are_found_by_hash_named_once_and_revoked,
    admin::the_valid_tokens_and_their_version_follow_every_addition_and_revocation,
    admin::the_audit_log_pages_in_order,
    audited::an_ingest_whose_audit_fails_stores_nothing_and_one_that_succeeds_one_row,
    audited::a_status_change_whose_audit_fails_is_not_stored,
    audited::a_correction_whose_audit_fails_is_not_stored,
    audited::a_write_without_audit_adds_no_row,
    audited::a_token_whose_audit_fails_is_neither_made_nor_revoked,
    ingest::the_sample_is_stored_with_its_six_documents,
    ingest::the_issue_record_describes_the_file,
    ingest::adding_the_same_bytes_again_changes_nothing,
    ingest::the_source_comes_back_byte_identical,
    ingest::an_extraction_report_is_kept_beside_its_issue,
    ingest::slug_and_id_name_the_same_document,
    ingest::a_document_text_is_its_slice_of_the_issue_text,
    ingest::find_by_number_finds_the_open_government_notice,
    ingest::documents_are_listed_latest_date_first,
    ingest::a_failed_ingest_leaves_nothing_behind,
    ingest::an_ingest_failing_midway_is_rolled_back_whole,
    ingest::a_taken_slug_gets_a_suffix,
    ingest::a_taken_id_makes_the_new_key_take_more_digits,
    reindex::a_new_parse_keeps_ids_slugs_versions_and_histories,
    reindex::a_document_missing_from_the_new_parse_is_gone_until_it_returns,
    reindex::reindexing_an_older_issue_keeps_the_later_version_current,
    reindex::a_failed_reindex_changes_nothing,
    reindex::reindexing_an_unknown_issue_is_refused,
    reindex::a_reindex_failing_midway_is_rolled_back_whole,
    status::the_history_keeps_every_change_in_recording_order,
    status::a_record_shows_the_status_of_today,
    status::changes_follow_ingest_then_status_in_order,
    status::a_status_for_an_unknown_document_is_refused,
    versions::a_reprinted_document_becomes_version_two_with_the_same_id,
    versions::other_bytes_of_the_same_issue_give_numbered_documents_new_versions,
    versions::a_number_printed_twice_in_one_issue_gets_two_versions,
}
