using Gongkai.Application.Editorial;

namespace Gongkai.Application.Tests.Editorial;

public sealed class AttachmentNameTests
{
    [Theory]
    [InlineData("说明\u202Egpj.exe", "说明gpj.exe")] // probe finding F13: shown as "说明exe.jpg" with the override kept
    [InlineData("\u200F附件\u2066一\u2069.pdf", "附件一.pdf")]
    [InlineData("..\\..\\etc\\附件.pdf", "附件.pdf")]
    public void Direction_overrides_and_paths_are_taken_out_of_attachment_names(string given, string kept) =>
        Assert.Equal(kept, AttachmentStore.CleanName(given));
}
