package inventory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// Marshal encodes an API value (an SDK model, or a value built from one) for Resource.Data and
// Related. It is encoding/json with one difference that rules depend on: a struct field that
// holds a nil pointer, slice, map or interface (the API sent null or nothing) is left out, while
// a non-nil empty slice or map (the API sent [] or {}) is kept as [] or {}. The SDK's models tag
// every field omitempty, under which encoding/json would drop both alike. Other fields follow
// their json tags as encoding/json does.
func Marshal(v any) (json.RawMessage, error) {
	var e encoder
	if err := e.value(reflect.ValueOf(v)); err != nil {
		return nil, err
	}
	return e.Bytes(), nil
}

type encoder struct{ bytes.Buffer }

var marshalerType = reflect.TypeFor[json.Marshaler]()

func (e *encoder) value(v reflect.Value) error {
	if !v.IsValid() {
		e.WriteString("null")
		return nil
	}
	if v.Type().Implements(marshalerType) && (v.Kind() != reflect.Pointer || !v.IsNil()) {
		return e.plain(v)
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			e.WriteString("null")
			return nil
		}
		return e.value(v.Elem())
	case reflect.Struct:
		return e.object(v)
	case reflect.Map:
		return e.mapping(v)
	case reflect.Slice:
		if v.IsNil() {
			e.WriteString("null")
			return nil
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return e.plain(v) // base64, as encoding/json writes bytes
		}
		return e.array(v)
	case reflect.Array:
		return e.array(v)
	case reflect.String:
		e.str(v.String())
		return nil
	case reflect.Bool:
		e.Write(strconv.AppendBool(e.AvailableBuffer(), v.Bool()))
		return nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.Write(strconv.AppendInt(e.AvailableBuffer(), v.Int(), 10))
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		e.Write(strconv.AppendUint(e.AvailableBuffer(), v.Uint(), 10))
		return nil
	}
	return e.plain(v)
}

// str writes a string; one that needs escaping goes through encoding/json.
func (e *encoder) str(s string) {
	for _, r := range s {
		if r < 0x20 || r == '"' || r == '\\' || r == '<' || r == '>' || r == '&' || r == utf8.RuneError || r == 0x2028 || r == 0x2029 {
			b, _ := json.Marshal(s)
			e.Write(b)
			return
		}
	}
	e.WriteByte('"')
	e.WriteString(s)
	e.WriteByte('"')
}

// plain encodes a scalar or a json.Marshaler with encoding/json.
func (e *encoder) plain(v reflect.Value) error {
	b, err := json.Marshal(v.Interface())
	if err != nil {
		return err
	}
	e.Write(b)
	return nil
}

func (e *encoder) array(v reflect.Value) error {
	e.WriteByte('[')
	for i := range v.Len() {
		if i > 0 {
			e.WriteByte(',')
		}
		if err := e.value(v.Index(i)); err != nil {
			return err
		}
	}
	e.WriteByte(']')
	return nil
}

func (e *encoder) mapping(v reflect.Value) error {
	if v.IsNil() {
		e.WriteString("null")
		return nil
	}
	if v.Type().Key().Kind() != reflect.String {
		return fmt.Errorf("inventory: map key type %s: only string keys are encoded", v.Type().Key())
	}
	keys := v.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
	e.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			e.WriteByte(',')
		}
		e.key(k.String())
		if err := e.value(v.MapIndex(k)); err != nil {
			return err
		}
	}
	e.WriteByte('}')
	return nil
}

func (e *encoder) key(name string) {
	e.str(name)
	e.WriteByte(':')
}

func (e *encoder) object(v reflect.Value) error {
	e.WriteByte('{')
	first := true
	for _, f := range fieldsOf(v.Type()) {
		fv, ok := fieldByIndex(v, f.index)
		if !ok || omitted(fv, f.omitEmpty) {
			continue
		}
		if !first {
			e.WriteByte(',')
		}
		first = false
		e.key(f.name)
		if err := e.value(fv); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	e.WriteByte('}')
	return nil
}

// omitted says whether a struct field is left out: nil always (null and absent are one thing to
// a rule: no valid value), a zero scalar only when its tag says omitempty.
func omitted(v reflect.Value, omitEmpty bool) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface, reflect.Slice, reflect.Map:
		return v.IsNil()
	case reflect.Struct, reflect.Array:
		return false
	}
	return omitEmpty && v.IsZero()
}

// fieldByIndex follows an embedded field path; ok is false when it passes a nil pointer.
func fieldByIndex(v reflect.Value, index []int) (reflect.Value, bool) {
	for i, x := range index {
		if i > 0 {
			if v.Kind() == reflect.Pointer {
				if v.IsNil() {
					return reflect.Value{}, false
				}
				v = v.Elem()
			}
		}
		v = v.Field(x)
	}
	return v, true
}

type field struct {
	name      string
	index     []int
	omitEmpty bool
}

var fieldCache sync.Map // reflect.Type → []field

// fieldsOf lists a struct type's encoded fields in order, with embedded structs' fields promoted
// as encoding/json promotes them (the shallower field wins a name).
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	type candidate struct {
		field
		depth int
	}
	var all []candidate
	var walk func(t reflect.Type, index []int)
	walk = func(t reflect.Type, index []int) {
		for i := range t.NumField() {
			sf := t.Field(i)
			tag := sf.Tag.Get("json")
			if tag == "-" {
				continue
			}
			name, opts, _ := strings.Cut(tag, ",")
			idx := append(slices.Clone(index), i)
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if sf.Anonymous && name == "" && ft.Kind() == reflect.Struct {
				walk(ft, idx)
				continue
			}
			if !sf.IsExported() {
				continue
			}
			if name == "" {
				name = sf.Name
			}
			all = append(all, candidate{field{name, idx, strings.Contains(","+opts+",", ",omitempty,")}, len(idx)})
		}
	}
	walk(t, nil)
	var out []field
	for _, c := range all {
		shallowest := true
		for _, o := range all {
			if o.name == c.name && o.depth < c.depth {
				shallowest = false
			}
		}
		if shallowest && !slices.ContainsFunc(out, func(f field) bool { return f.name == c.name }) {
			out = append(out, c.field)
		}
	}
	fieldCache.Store(t, out)
	return out
}
