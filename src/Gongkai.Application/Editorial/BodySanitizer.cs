using Ganss.Xss;

namespace Gongkai.Application.Editorial;

/// <summary>
/// Cleans a record's rich-text body on save (HtmlSanitizer): scripts, event handlers,
/// <c>javascript:</c> links, SVG, forms, hostile CSS and styles that break the page's layout go;
/// headings, paragraphs, lists, tables and images stay. Images may be inline <c>data:</c> images (Word import embeds them so).
/// </summary>
public sealed class BodySanitizer
{
    private readonly HtmlSanitizer _sanitizer;

    public BodySanitizer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedSchemes.Add("data");
        _sanitizer.AllowedSchemes.Add("mailto");
        foreach (var tag in new[] { "svg", "math", "form", "input", "button", "textarea", "select", "iframe", "object", "embed", "style" })
        {
            _sanitizer.AllowedTags.Remove(tag);
        }
        _sanitizer.AllowedAttributes.Remove("class");
        // Layout belongs to the portal: a body may not take itself out of the flow, lay itself over
        // the page (probe finding F15: position:fixed with z-index covered the portal and the console),
        // move or clip itself. Colours, fonts, alignment, widths and borders stay.
        foreach (var property in new[] { "position", "top", "right", "bottom", "left", "inset", "z-index", "transform", "translate", "rotate", "scale",
                     "clip", "clip-path", "mask", "pointer-events", "margin", "margin-top", "margin-left", "margin-right", "margin-bottom" })
        {
            _sanitizer.AllowedCssProperties.Remove(property);
        }
        _sanitizer.AllowedAttributes.Add("id");
        _sanitizer.PostProcessNode += (_, e) =>
        {
            // data: is for images only: a data: link could carry an HTML page.
            if (e.Node is AngleSharp.Dom.IElement element && !element.NodeName.Equals("IMG", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var name in new[] { "href", "src" })
                {
                    var value = element.GetAttribute(name);
                    if (value is not null && value.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase))
                    {
                        element.RemoveAttribute(name);
                    }
                }
            }
            if (e.Node is AngleSharp.Dom.IElement img && img.NodeName.Equals("IMG", StringComparison.OrdinalIgnoreCase))
            {
                var src = img.GetAttribute("src");
                if (src is not null && src.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                    && !src.TrimStart().StartsWith("data:image/png", StringComparison.OrdinalIgnoreCase)
                    && !src.TrimStart().StartsWith("data:image/jpeg", StringComparison.OrdinalIgnoreCase)
                    && !src.TrimStart().StartsWith("data:image/gif", StringComparison.OrdinalIgnoreCase))
                {
                    img.RemoveAttribute("src");
                }
            }
        };
    }

    public string Sanitize(string? html) => string.IsNullOrWhiteSpace(html) ? string.Empty : _sanitizer.Sanitize(html);
}
