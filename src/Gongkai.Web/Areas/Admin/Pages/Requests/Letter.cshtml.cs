using Gongkai.Application.Requests;
using Gongkai.Core.Requests;
using Microsoft.AspNetCore.Mvc;

namespace Gongkai.Web.Areas.Admin.Pages.Requests;

/// <summary>A case's letter: printable HTML, or the same as .docx (?handler=Docx).</summary>
public sealed class LetterModel(RequestLetters letters) : ConsolePageModel
{
    public Letter Letter { get; private set; } = null!;
    public long CaseId { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, LetterKind kind, CancellationToken cancellationToken)
    {
        CaseId = id;
        Letter = await letters.RenderAsync(Actor, id, kind, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetDocxAsync(long id, LetterKind kind, CancellationToken cancellationToken)
    {
        var letter = await letters.RenderAsync(Actor, id, kind, cancellationToken);
        return File(RequestLetters.Docx(letter), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            $"{letter.Title}-{letter.CaseNumber}.docx");
    }
}
