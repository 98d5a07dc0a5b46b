using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Dossier.Projections.Statistics;

namespace Dossier.Api.Statistics.Formats;

/// <summary>Form II.06a as an Excel workbook: a title, the period, the two heading rows of the form, a row per unit and the total.</summary>
public static class ReportXlsx
{
    public const string MediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string SheetName = "II.06a";
    public const int FirstDataRow = 6;

    public static byte[] Write(ProcessingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var columns = ReportTable.ReportColumns;

            Append(data, 1, ["Biểu mẫu II.06a: Tình hình, kết quả giải quyết thủ tục hành chính"]);
            Append(data, 2, [string.Create(CultureInfo.InvariantCulture,
                $"Kỳ báo cáo: từ ngày {report.From:dd/MM/yyyy} đến ngày {report.To:dd/MM/yyyy}; số liệu tính đến {report.AsOf:dd/MM/yyyy HH:mm} (giờ Việt Nam)")]);
            Append(data, 4, columns.Select(c => (object?)c.Group).ToList());
            Append(data, 5, columns.Select(c => (object?)c.Column).ToList());
            var rowIndex = (uint)FirstDataRow;
            foreach (var row in ReportTable.ReportRows(report))
            {
                Append(data, rowIndex++, row);
            }

            var merges = new MergeCells();
            foreach (var group in columns.Select((c, i) => (c.Group, Index: i)).Where(c => c.Group.Length > 0).GroupBy(c => c.Group))
            {
                merges.Append(new MergeCell { Reference = $"{Column(group.First().Index)}4:{Column(group.Last().Index)}4" });
            }

            worksheet.Worksheet = new Worksheet(
                new Columns(
                    new Column { Min = 1, Max = 1, Width = 16, CustomWidth = true },
                    new Column { Min = 2, Max = 2, Width = 48, CustomWidth = true },
                    new Column { Min = 3, Max = (uint)columns.Count, Width = 14, CustomWidth = true }),
                data,
                merges);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(worksheet), SheetId = 1, Name = SheetName });
            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static void Append(SheetData data, uint rowIndex, IReadOnlyList<object?> values)
    {
        var row = new Row { RowIndex = rowIndex };
        for (var i = 0; i < values.Count; i++)
        {
            var reference = Column(i) + rowIndex.ToString(CultureInfo.InvariantCulture);
            row.Append(values[i] switch
            {
                int n => new Cell { CellReference = reference, CellValue = new CellValue(n), DataType = CellValues.Number },
                null => new Cell { CellReference = reference },
                var text => new Cell
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    InlineString = new InlineString(new Text(Convert.ToString(text, CultureInfo.InvariantCulture) ?? "")),
                },
            });
        }

        data.Append(row);
    }

    /// <summary>A, B, …, Z, AA, …: the spreadsheet name of the zero-based column <paramref name="index"/>.</summary>
    public static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
