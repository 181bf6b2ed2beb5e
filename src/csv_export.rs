//! CSV files as every export writes them: the csv crate, RFC 4180 quoting, CRLF line ends, a
//! UTF-8 byte-order mark (so Excel reads Korean names) and money as plain decimals with two
//! places. The download itself is `browser::download`.

use rust_decimal::Decimal;

/// Money as a plain decimal with two places (`1234.50`), as spreadsheets read it.
pub fn plain_money(value: Decimal) -> String {
    let mut v =
        value.round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    v.rescale(2);
    v.to_string()
}

/// The bytes of a CSV file: BOM, the header row, then every record.
pub fn document<R, I>(headers: &[String], records: R) -> Result<Vec<u8>, csv::Error>
where
    R: IntoIterator<Item = I>,
    I: IntoIterator<Item = String>,
{
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(&mut out);
        w.write_record(headers)?;
        for record in records {
            w.write_record(record.into_iter().collect::<Vec<_>>())?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// The MIME type exports are downloaded as.
pub const MIME: &str = "text/csv;charset=utf-8";

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn money_is_plain_with_two_places() {
        assert_eq!(plain_money(dec!(0)), "0.00");
        assert_eq!(plain_money(dec!(-1234.5)), "-1234.50");
        assert_eq!(plain_money(dec!(1.005)), "1.01");
    }

    #[test]
    fn writes_a_bom_a_header_and_quoted_records() {
        let headers = vec!["a".to_string(), "b".to_string()];
        let bytes = document(&headers, [vec!["x, \"y\"".to_string(), "1.00".to_string()]])
            .unwrap_or_default();
        assert!(bytes.starts_with("\u{feff}".as_bytes()));
        let text = String::from_utf8(bytes).unwrap_or_default();
        assert_eq!(text, "\u{feff}a,b\r\n\"x, \"\"y\"\"\",1.00\r\n");
    }
}
