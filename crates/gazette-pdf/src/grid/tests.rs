//! Tests of finding ruled tables on made-up pages.

use super::*;

fn cell(x0: f64, y0: f64, x1: f64, lines: &[&str]) -> TextBlock {
    TextBlock {
        x0,
        y0,
        x1,
        y1: y0 + 10.0 * lines.len() as f64,
        lines: lines
            .iter()
            .zip(0..)
            .map(|(text, k)| TextLine {
                y0: y0 + 10.0 * f64::from(k),
                x0,
                text: (*text).to_owned(),
                ..TextLine::default()
            })
            .collect(),
        kind: BlockKind::Text,
    }
}

fn rows(blocks: &[TextBlock], gutter: Option<f64>) -> Vec<Vec<String>> {
    let body: Vec<&TextBlock> = blocks.iter().collect();
    texts(&find_tables(&body, gutter, None))
}

fn texts(tables: &Tables<'_>) -> Vec<Vec<String>> {
    tables
        .grids
        .iter()
        .map(|grid| {
            grid.row_blocks()
                .into_iter()
                .map(|row| row.lines[0].text.clone())
                .collect()
        })
        .collect()
}

#[test]
fn rows_of_aligned_cells_become_tab_separated_lines() {
    let blocks = [
        cell(50.0, 100.0, 80.0, &["序号"]),
        cell(100.0, 100.0, 140.0, &["工作任务"]),
        cell(150.0, 100.0, 190.0, &["责任单位"]),
        cell(50.0, 120.0, 60.0, &["1"]),
        cell(100.0, 120.0, 145.0, &["推进决策", "公开"]),
        cell(150.0, 120.0, 195.0, &["市政府办", "公厅"]),
        cell(100.0, 150.0, 145.0, &["IPv6", "2019"]),
        cell(50.0, 170.0, 300.0, &["表后的一段正文，不在表中。"]),
    ];
    assert_eq!(
        rows(&blocks, None),
        [["序号\t工作任务\t责任单位", "1\t推进决策公开\t市政府办公厅"]]
    );
}

#[test]
fn rows_above_a_table_that_fit_its_columns_are_its_rows() {
    let blocks = [
        cell(50.0, 20.0, 90.0, &["分解落"]),
        cell(50.0, 30.0, 60.0, &["实表"]),
        cell(150.0, 50.0, 195.0, &["上一页的", "余下部分"]),
        cell(50.0, 80.0, 60.0, &["审批表"]),
        cell(150.0, 80.0, 195.0, &["主审材料"]),
        cell(50.0, 100.0, 60.0, &["2"]),
        cell(100.0, 100.0, 145.0, &["任务"]),
        cell(150.0, 100.0, 195.0, &["要求"]),
        cell(50.0, 120.0, 60.0, &["3"]),
        cell(100.0, 120.0, 145.0, &["任务"]),
        cell(150.0, 120.0, 195.0, &["要求"]),
    ];
    assert_eq!(
        rows(&blocks, None),
        [[
            "\t\t上一页的余下部分",
            "审批表\t\t主审材料",
            "2\t任务\t要求",
            "3\t任务\t要求"
        ]]
    );
}

/// A table at the foot of a page: its last row's third cell reaches
/// the foot, cut there.
fn foot_of_page() -> Vec<TextBlock> {
    vec![
        cell(50.0, 600.0, 300.0, &["表前的一段正文。"]),
        cell(50.0, 700.0, 60.0, &["序号"]),
        cell(100.0, 700.0, 145.0, &["任务"]),
        cell(150.0, 700.0, 195.0, &["要求"]),
        cell(50.0, 720.0, 60.0, &["1"]),
        cell(100.0, 720.0, 145.0, &["任务"]),
        cell(150.0, 720.0, 195.0, &["上一页的", "前半部分"]),
    ]
}

/// The table [`foot_of_page`] leaves open.
fn open_at_the_foot() -> OpenTable {
    let before = foot_of_page();
    let body: Vec<&TextBlock> = before.iter().collect();
    find_tables(&body, None, None)
        .open
        .expect("open at the foot")
}

/// The kinds of the first grid's row blocks.
fn row_kinds(tables: &Tables<'_>) -> Vec<BlockKind> {
    tables.grids[0]
        .row_blocks()
        .iter()
        .map(|b| b.kind)
        .collect()
}

#[test]
fn a_table_at_the_foot_is_read_on_at_the_top_of_the_next_page() {
    let open = open_at_the_foot();
    assert_eq!(open.cut, [2]);
    // The next page's text starts 10 further right: the table too.
    let after = [
        cell(160.0, 50.0, 205.0, &["余下部分"]),
        cell(60.0, 70.0, 70.0, &["2"]),
        cell(110.0, 70.0, 155.0, &["任务"]),
        cell(160.0, 70.0, 205.0, &["要求"]),
        cell(60.0, 90.0, 310.0, &["表后的正文，不在表中。"]),
    ];
    let body: Vec<&TextBlock> = after.iter().collect();
    let tables = find_tables(&body, None, Some(&open));
    assert_eq!(texts(&tables), [["\t\t余下部分", "2\t任务\t要求"]]);
    let kinds = row_kinds(&tables);
    assert_eq!(kinds, [BlockKind::RowRest, BlockKind::Row]);
    assert!(tables.open.is_none(), "text follows the table");
}

#[test]
fn a_new_row_after_the_break_is_not_the_rest_of_the_last() {
    let open = open_at_the_foot();
    let after = [
        cell(100.0, 50.0, 145.0, &["任务"]),
        cell(150.0, 50.0, 195.0, &["要求"]),
    ];
    let body: Vec<&TextBlock> = after.iter().collect();
    let tables = find_tables(&body, None, Some(&open));
    let kinds = row_kinds(&tables);
    assert_eq!(kinds, [BlockKind::Row]);
}

#[test]
fn a_heading_after_the_break_is_no_row() {
    let open = open_at_the_foot();
    let after = [
        cell(50.0, 50.0, 60.0, &["二、"]),
        cell(50.0, 70.0, 300.0, &["正文。"]),
    ];
    let body: Vec<&TextBlock> = after.iter().collect();
    assert!(find_tables(&body, None, Some(&open)).grids.is_empty());
}

#[test]
fn a_table_followed_by_text_is_not_open() {
    let mut blocks = foot_of_page();
    blocks.push(cell(50.0, 760.0, 300.0, &["表后的一段正文。"]));
    let body: Vec<&TextBlock> = blocks.iter().collect();
    assert!(find_tables(&body, None, None).open.is_none());
}

#[test]
fn the_rest_of_a_cut_row_joins_its_start_cell_by_cell() {
    let mut row = cell(50.0, 0.0, 200.0, &["1\t任务\t上一页的"]);
    let rest = cell(50.0, 0.0, 200.0, &["\t\t余下部分\t单位"]);
    join_cut_row(&mut row, &rest);
    assert_eq!(row.lines[0].text, "1\t任务\t上一页的余下部分\t单位");
}

#[test]
fn a_cell_joins_its_lines_with_a_space_only_between_latin_words() {
    let text = |lines: &[&str]| cell_text(&cell(0.0, 0.0, 50.0, lines));
    assert_eq!(text(&["推进政府", "网站建设"]), "推进政府网站建设");
    assert_eq!(text(&["全面推动“9", "56”重点"]), "全面推动“956”重点");
    assert_eq!(text(&["Good", "Practice 2019"]), "Good Practice 2019");
}

#[test]
fn two_columns_of_text_starting_at_the_same_heights_are_no_table() {
    let blocks = [
        cell(50.0, 100.0, 280.0, &["左栏第一段"]),
        cell(320.0, 100.0, 550.0, &["右栏第一段"]),
        cell(50.0, 120.0, 280.0, &["左栏第二段"]),
        cell(320.0, 120.0, 550.0, &["右栏第二段"]),
    ];
    assert!(rows(&blocks, Some(300.0)).is_empty());
}

#[test]
fn tables_in_both_columns_stay_apart() {
    let blocks = [
        cell(50.0, 100.0, 90.0, &["左头一"]),
        cell(120.0, 100.0, 160.0, &["左头二"]),
        cell(190.0, 100.0, 230.0, &["左头三"]),
        cell(320.0, 100.0, 360.0, &["右头一"]),
        cell(390.0, 100.0, 430.0, &["右头二"]),
        cell(460.0, 100.0, 500.0, &["右头三"]),
        cell(50.0, 120.0, 90.0, &["左一"]),
        cell(120.0, 120.0, 160.0, &["左二"]),
        cell(190.0, 120.0, 230.0, &["左三"]),
        cell(320.0, 130.0, 360.0, &["右一"]),
        cell(390.0, 130.0, 430.0, &["右二"]),
        cell(460.0, 130.0, 500.0, &["右三"]),
    ];
    assert_eq!(
        rows(&blocks, Some(300.0)),
        [
            ["左头一\t左头二\t左头三", "左一\t左二\t左三"],
            ["右头一\t右头二\t右头三", "右一\t右二\t右三"]
        ]
    );
}

#[test]
fn a_wide_table_across_a_false_gutter_is_one_table() {
    let blocks = [
        cell(50.0, 100.0, 140.0, &["序号"]),
        cell(150.0, 100.0, 290.0, &["任务"]),
        cell(310.0, 100.0, 440.0, &["要求"]),
        cell(450.0, 100.0, 550.0, &["单位"]),
        cell(50.0, 120.0, 140.0, &["1"]),
        cell(150.0, 120.0, 290.0, &["甲"]),
        cell(310.0, 120.0, 440.0, &["乙"]),
        cell(450.0, 120.0, 550.0, &["丙"]),
    ];
    assert_eq!(
        rows(&blocks, Some(300.0)),
        [["序号\t任务\t要求\t单位", "1\t甲\t乙\t丙"]]
    );
}
