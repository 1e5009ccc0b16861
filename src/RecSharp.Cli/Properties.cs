using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("RecSharp.Cli.Tests")]
