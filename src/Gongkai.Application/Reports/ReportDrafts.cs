using System.Globalization;
using Gongkai.Core.Reports;

namespace Gongkai.Application.Reports;

/// <summary>
/// Drafts of the text sections 一、五、六 written from the year's data, for the office to edit: the
/// records published and the share within the 条例 Art. 26 deadline (timed from the date a record
/// was made, which is what the platform times: a later change, e.g. 废止, is not timed, so the draft
/// does not claim it), the requests received and answered on time, and the fees collected; 总体情况
/// in the five parts of the 2021 format (国办公开办函〔2021〕30号), the last (监督保障) with a
/// bracketed request for what only the office knows.
/// </summary>
public static class ReportDrafts
{
    public static ReportTexts Write(string organization, int year, RequestTable table3, YearFigures f)
    {
        ArgumentNullException.ThrowIfNull(table3);
        ArgumentNullException.ThrowIfNull(f);
        var total = RequestTable.Columns.Count - 1;
        var received = table3["new", total];
        var carriedIn = table3["carried-in", total];
        var handled = table3["total", total];
        var carriedOut = table3["carried-out", total];

        var proactive = f.RecordsPublished == 0
            ? $"（一）主动公开。{year}年，本机关在政府信息公开平台未主动公开政府信息。"
            : $"（一）主动公开。{year}年，本机关在政府信息公开平台主动公开政府信息{f.RecordsPublished}条，"
              + $"其中在信息形成之日起20个工作日内（法律、法规另有规定的，在其规定期限内）公开{f.RecordsOnTime}条，占{Share(f.RecordsOnTime, f.RecordsPublished - f.RecordsUnjudged)}"
              + (f.RecordsLate > 0 ? $"；超过《中华人民共和国政府信息公开条例》第二十六条规定时限公开{f.RecordsLate}条" : "")
              + (f.RecordsUnjudged > 0 ? $"；另有{f.RecordsUnjudged}条因缺少当年节假日安排或为导入的历史信息，未判定是否按时公开" : "")
              + "。"
              + (f.ChangesPublished == 0 ? ""
                  : $"信息效力状况变更（如废止、失效）公开{f.ChangesPublished}次，其中在变更之日起20个工作日内（法律、法规另有规定的，在其规定期限内）公开{f.ChangesOnTime}次"
                    + (f.ChangesLate > 0 ? $"，超过时限公开{f.ChangesLate}次" : "")
                    + (f.ChangesUnjudged > 0 ? $"，{f.ChangesUnjudged}次未能判定" : "") + "。");
        var onRequest = $"（二）依申请公开。{year}年，本机关新收政府信息公开申请{received}件，上年结转{carriedIn}件，办结{handled}件，结转下年度继续办理{carriedOut}件。"
                        + (f.RequestsAnswered > 0
                            ? $"本年答复的{f.RequestsAnswered}件申请中，在法定期限内答复{f.RequestsAnsweredOnTime}件，按期答复率{Share(f.RequestsAnsweredOnTime, f.RequestsAnswered - f.RequestsUnjudged)}。"
                            : "");
        var overview = string.Join('\n',
            $"{year}年，{organization}认真贯彻落实《中华人民共和国政府信息公开条例》，依托政府信息公开平台统一编制目录、发布信息、受理和办理政府信息公开申请，各项工作按规定推进。",
            proactive,
            onRequest,
            "（三）政府信息管理。本机关公开的政府信息统一经部门编制、办公室审核后发布，发布前进行保密审查；信息的效力状况、修改和撤回均留有记录。",
            "（四）平台建设。政府信息公开平台按统一的索引号和元数据规范编目，提供全文检索、在线申请和办理进度查询。",
            // The fifth part of 总体情况 in the 2021 format (国办公开办函〔2021〕30号): what the
            // platform cannot know is asked for, not invented.
            "（五）监督保障。本机关政府信息公开工作由办公室统筹，信息发布、审核、撤回和申请办理的每一步均在平台留有操作记录，可供监督检查。"
            + "【请补充本年度政府信息公开工作的培训、考核、社会评议和责任追究情况】");

        var issues = new List<string>();
        if (f.RecordsLate > 0)
        {
            issues.Add($"部分政府信息未在规定时限内公开，全年有{f.RecordsLate}条信息超过条例第二十六条规定的时限公开。");
        }
        if (f.ChangesLate > 0)
        {
            issues.Add($"有{f.ChangesLate}次信息效力状况变更未在规定时限内公开。");
        }
        var lateAnswers = f.RequestsAnswered - f.RequestsAnsweredOnTime - f.RequestsUnjudged;
        if (lateAnswers > 0)
        {
            issues.Add($"有{lateAnswers}件政府信息公开申请未在法定期限内答复。");
        }
        if (carriedOut > 0)
        {
            issues.Add($"年底尚有{carriedOut}件申请结转下年度继续办理，须跟踪办理进度，确保按期答复。");
        }
        var problems = issues.Count == 0
            ? "本年度主动公开和依申请公开均按规定时限办理，未发现突出问题。下一步，本机关将继续提高公开信息的质量，加强政策解读，做好信息公开与政务服务的衔接。"
            : "存在的主要问题：" + string.Join("", issues) + "\n改进情况：本机关将加强信息发布前的时限提醒和审核，落实申请办理的到期预警，按月通报办理情况，确保依法按时公开和答复。";

        var fees = f.FeeCases == 0
            ? $"{year}年，本机关未收取政府信息公开信息处理费。"
            : $"{year}年，本机关依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费{f.FeeCases}件，共计{f.FeesCollectedYuan.ToString("0.##", CultureInfo.InvariantCulture)}元。";
        var other = fees + "\n本年度无其他需要报告的事项。";
        return new ReportTexts(overview, problems, other);
    }

    /// <summary>A percentage with one decimal, or “—” when there is nothing to divide.</summary>
    public static string Share(int part, int whole) =>
        whole <= 0 ? "—" : (100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
