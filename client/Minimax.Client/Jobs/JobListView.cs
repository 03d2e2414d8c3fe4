using Minimax.Contracts.Api;
using Spectre.Console;

namespace Minimax.Client.Jobs;

/// <summary>The tenant's jobs as a table: id, kind, name, status, steps and the job that started it.</summary>
internal static class JobListView
{
    public static void Write(IAnsiConsole console, ListJobsReply reply)
    {
        // Ids never wrap, so that each one can be copied (or found by a script) whole.
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("job").NoWrap())
            .AddColumns("kind", "name", "status")
            .AddColumn(new TableColumn("step").RightAligned())
            .AddColumn(new TableColumn("parent").NoWrap());
        foreach (var job in reply.Jobs)
        {
            table.AddRow(
                Markup.Escape(job.JobId),
                Markup.Escape(job.Kind),
                Markup.Escape(job.Name),
                Markup.Escape(job.Status),
                $"{job.Step}/{job.TotalSteps}",
                Markup.Escape(job.ParentJobId));
        }

        console.Write(table);
    }
}
