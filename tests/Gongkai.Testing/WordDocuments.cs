using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace Gongkai.Testing;

/// <summary>Builds an official-document-like .docx with DocumentFormat.OpenXml, for the Word import tests.</summary>
public static class WordDocuments
{
    public const string Title = "关于推进科技创新平台建设的实施意见";
    public const string DocumentNumber = "锡高新发〔2026〕15号";
    public static readonly DateOnly Date = new(2026, 11, 20);

    /// <summary>A 1×1 PNG.</summary>
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static byte[] OfficialDocument(string title = Title, string documentNumber = "锡高新发[2026]15号", string date = "2026年11月20日")
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new Style(new StyleName { Val = "heading 1" }, new StyleParagraphProperties(new OutlineLevel { Val = 0 })) { Type = StyleValues.Paragraph, StyleId = "1" });
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(new Level(new NumberingFormat { Val = NumberFormatValues.Decimal }, new LevelText { Val = "%1." }) { LevelIndex = 0 }) { AbstractNumberId = 1 },
                new AbstractNum(new Level(new NumberingFormat { Val = NumberFormatValues.Bullet }, new LevelText { Val = "•" }) { LevelIndex = 0 }) { AbstractNumberId = 2 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 },
                new NumberingInstance(new AbstractNumId { Val = 2 }) { NumberID = 2 });
            var image = main.AddImagePart(ImagePartType.Png);
            image.FeedData(new MemoryStream(Png));
            var imageId = main.GetIdOfPart(image);

            var body = new Body(
                Centred("江阴高新技术产业开发区管理委员会文件"),
                Centred(documentNumber),
                Centred(title),
                Plain("各部门、各单位："),
                Plain("为深入实施创新驱动发展战略，加快推进科技创新平台建设，提升企业自主创新能力，推动高新技术产业高质量发展，现提出如下实施意见。科技创新平台是集聚创新资源、服务企业研发的重要载体。"),
                Heading("一、总体要求"),
                Plain("坚持企业主体、市场导向，围绕主导产业布局建设一批科技创新平台，推进产学研深度融合，强化科技创新对产业发展的支撑作用。"),
                ListItem("建设企业研发机构。", 1),
                ListItem("培育新型研发机构。", 1),
                ListItem("科技创新券", 2),
                ListItem("研发费用补助", 2),
                new Table(
                    new TableRow(Cell("项目", bold: true), Cell("补助标准", bold: true)),
                    new TableRow(Cell("省级研发平台"), Cell("50万元"))),
                new Paragraph(new Run(Image(imageId))),
                Plain("本意见自发布之日起施行，由高新区科技局负责解释。"),
                Right("江阴高新技术产业开发区管理委员会"),
                Right(date),
                Plain("（此件公开发布）"));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Plain(string text) => new(new Run(new Text(text)));

    private static Paragraph Centred(string text) =>
        new(new ParagraphProperties(new Justification { Val = JustificationValues.Center }), new Run(new Text(text)));

    private static Paragraph Right(string text) =>
        new(new ParagraphProperties(new Justification { Val = JustificationValues.Right }), new Run(new Text(text)));

    private static Paragraph Heading(string text) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = "1" }), new Run(new Text(text)));

    private static Paragraph ListItem(string text, int numId) =>
        new(new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = numId })), new Run(new Text(text)));

    private static TableCell Cell(string text, bool bold = false) =>
        new(new Paragraph(new Run(bold ? new RunProperties(new Bold()) : new RunProperties(), new Text(text))));

    private static Drawing Image(string relationshipId)
    {
        const long size = 914400L;
        return new Drawing(new DW.Inline(
            new DW.Extent { Cx = size, Cy = size },
            new DW.DocProperties { Id = 1U, Name = "图片 1", Description = "平台示意图" },
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(new PIC.NonVisualDrawingProperties { Id = 0U, Name = "image.png" }, new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = size, Cy = size }), new A.PresetGeometry { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" })));
    }
}
