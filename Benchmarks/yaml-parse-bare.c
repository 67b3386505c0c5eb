/* The anchor of `make bench`: libyaml's bare event parse of a file, nothing built from the
 * events. Reads the whole file (as opal does), then pulls every event and frees it.
 * Build: cc -O2 yaml-parse-bare.c $(pkg-config --cflags --libs yaml-0.1)
 * Usage: yaml-parse-bare FILE   (prints the event count; exit 1 on a parse error) */
#include <stdio.h>
#include <stdlib.h>
#include <yaml.h>

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s FILE\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f) {
    perror(argv[1]);
    return 2;
  }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *text = malloc(size > 0 ? (size_t)size : 1);
  if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  fclose(f);

  yaml_parser_t parser;
  yaml_event_t event;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, text, (size_t)size);
  long events = 0;
  int done = 0;
  while (!done) {
    if (!yaml_parser_parse(&parser, &event)) {
      fprintf(stderr, "%s:%zu: %s\n", argv[1], parser.problem_mark.line + 1,
              parser.problem ? parser.problem : "parse error");
      yaml_parser_delete(&parser);
      return 1;
    }
    done = event.type == YAML_STREAM_END_EVENT;
    events++;
    yaml_event_delete(&event);
  }
  yaml_parser_delete(&parser);
  free(text);
  printf("%ld events\n", events);
  return 0;
}
