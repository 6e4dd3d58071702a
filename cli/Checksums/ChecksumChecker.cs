using System.Security.Cryptography;
using System.Text;
using TypedAlg.Cli.Io;

namespace TypedAlg.Cli.Checksums;

internal sealed record CheckOptions(bool Quiet, bool Status, bool Strict, bool Warn, bool IgnoreMissing);

/// <summary>sha256sum -c: "FILE: OK" / "FILE: FAILED" on stdout, coreutils' WARNING summary on stderr, exit 1 on any failure.</summary>
internal sealed class ChecksumChecker(CliContext context, IFileDigester summer, CheckOptions options)
{
    public int CheckList(string listFile)
    {
        int formatErrors = 0, mismatches = 0, unreadable = 0, verified = 0, lineNumber = 0;
        var anyValid = false;
        var digest = new byte[summer.DigestSize];
        using var list = Input.Open(listFile, context);
        using var reader = new StreamReader(list.Stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (!ChecksumLine.TryParse(line, summer.DigestSize, out var entry))
            {
                formatErrors++;
                if (options.Warn && !options.Status)
                {
                    ErrorReporter.Warn(context.Stderr, $"{list.Name}: {lineNumber}: improperly formatted checksum line");
                }

                continue;
            }

            anyValid = true;
            var shown = ChecksumLine.Display(entry!.FileName);
            if (options.IgnoreMissing && entry.FileName != "-" && !File.Exists(entry.FileName))
            {
                continue;
            }

            try
            {
                summer.Digest(entry.FileName, digest);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CliException)
            {
                unreadable++;
                if (!options.Status)
                {
                    ErrorReporter.Report(e, context.Stderr);
                    context.Out.WriteLine($"{shown}: FAILED open or read");
                }

                continue;
            }

            verified++;
            var ok = CryptographicOperations.FixedTimeEquals(Convert.FromHexString(entry.Hex), digest);
            if (!ok)
            {
                mismatches++;
            }

            if (!options.Status && !(ok && options.Quiet))
            {
                context.Out.WriteLine($"{shown}: {(ok ? "OK" : "FAILED")}");
            }
        }

        if (!anyValid)
        {
            ErrorReporter.Warn(context.Stderr, $"{list.Name}: no properly formatted checksum lines found");
            return ExitCodes.Failure;
        }

        if (!options.Status)
        {
            Summary(formatErrors, "line is improperly formatted", "lines are improperly formatted");
            Summary(unreadable, "listed file could not be read", "listed files could not be read");
            Summary(mismatches, "computed checksum did NOT match", "computed checksums did NOT match");
        }

        if (options.IgnoreMissing && verified == 0 && unreadable == 0)
        {
            ErrorReporter.Warn(context.Stderr, $"{list.Name}: no file was verified");
            return ExitCodes.Failure;
        }

        return mismatches > 0 || unreadable > 0 || (options.Strict && formatErrors > 0) ? ExitCodes.Failure : ExitCodes.Success;
    }

    private void Summary(int count, string one, string many)
    {
        if (count > 0)
        {
            ErrorReporter.Warn(context.Stderr, $"WARNING: {count} {(count == 1 ? one : many)}");
        }
    }
}
