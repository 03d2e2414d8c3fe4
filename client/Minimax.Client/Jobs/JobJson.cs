using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using Minimax.Contracts.Api;

namespace Minimax.Client.Jobs;

/// <summary>
/// The --json form of a job: one object on one line that starts with <c>job_id</c> and <c>kind</c>, then
/// the fields of the kind's renderer, and ends with <c>trace_id</c>. Non-finite numbers are written as null.
/// </summary>
public static class JobJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(JobReport report, IJobRenderer renderer) => Object(json =>
    {
        json.WriteString("job_id", report.JobId);
        json.WriteString("kind", renderer.Kind);
        renderer.WriteJson(json, report);
        // Every kind's, last: empty when the silo records no traces.
        json.WriteString("trace_id", report.TraceId);
    });

    /// <summary>What <c>submit --json</c> prints: the job id and kind, and whatever the kind adds (a run's run_id).</summary>
    public static string FormatSubmitted(SubmitJobReply reply, IJobRenderer? renderer) => Object(json =>
    {
        json.WriteString("job_id", reply.JobId);
        json.WriteString("kind", reply.Kind);
        renderer?.WriteSubmitted(json, reply);
    });

    public static string FormatDeleted(string jobId) => Object(json =>
    {
        json.WriteString("job_id", jobId);
        json.WriteBoolean("deleted", true);
    });

    public static string FormatCancelled(string jobId, CancelJobReply reply) => Object(json =>
    {
        json.WriteString("job_id", jobId);
        json.WriteString("status", reply.Status);
    });

    public static void Write(TextWriter stdout, string line)
    {
        stdout.WriteLine(line);
        stdout.Flush();
    }

    /// <summary>A number, or null when it is NaN or infinite (JSON has neither).</summary>
    public static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    public static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>The fields of <paramref name="message"/> as <see cref="ProtoJson"/> writes them, into the open object.</summary>
    public static void WriteFields(Utf8JsonWriter json, IMessage message)
    {
        using var fields = JsonDocument.Parse(ProtoJson.Format(message));
        foreach (var field in fields.RootElement.EnumerateObject())
        {
            field.WriteTo(json);
        }
    }

    private static string Object(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            body(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
