// flow "Поддержка АВС Интернет" compiled by callflow from "support.flow".
// Generated code: do not edit. Defines globalThis.__flows[meta.id] = { meta, start, step, fallback }.
globalThis.__flows = globalThis.__flows || {};
globalThis.__flows["Поддержка АВС Интернет@c2034c7bf36e7c65"] = (function () {
'use strict';
/* … the prelude, as in prelude.golden.js … */
var $ = $prelude({"language":"ru","currency":"UAH"});
var meta = {"id":"Поддержка АВС Интернет@c2034c7bf36e7c65","name":"Поддержка АВС Интернет","flavor":"flow","answers":["0800300400","+380441234567"],"language":"ru","timezone":"Europe/Kyiv","steps":["balance"],"calendars":[],"secrets":["pin"],"group":null,"hasFallback":true};
var blocks = {};
var $k1 = $.constant({ type: "say", parts: [{ kind: "text", text: "Добрый день, компания “АВС Интернет”, спасибо за звонок." }], bargeIn: false, loc: { line: 9, column: 3 } });
blocks["main"] = function (s, input) {
  s.pc = "main#1"; return $k1;
};
blocks["main#1"] = function (s, input) {
  delete s.counters["menu main@11:3"];
  s.pc = "main#2"; return null;
};
var $k2 = $.constant({ type: "collect", prompt: [{ kind: "text", text: "Если Вы хотите получить техническую поддержку, нажмите «1»." + " " + "Если Вы желаете получить консультацию по общим вопросам, нажмите «2»." + " " + "Если Вы хотите получить информацию о состоянии своего счета, нажмите «3»." + " " + "Сделайте свой выбор, пожалуйста." }], min: 1, max: 1, terminator: null, firstTimeoutMs: 5000, interDigitTimeoutMs: 5000, pattern: null, secret: false, validKeys: ["1","2","3"], loc: { line: 11, column: 3 } });
blocks["main#2"] = function (s, input) {
  s.pc = "main#6"; return $k2;
};
blocks["main#4"] = function (s, input) {
  return $.repeat(s, "menu main@11:3", 3, "main#2", "main#5");
};
var $k3 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 26, column: 22 } });
blocks["main#5"] = function (s, input) {
  s.pc = "$end"; return $k3;
};
var $c4 = { "1": "main#7", "2": "main#13", "3": "step balance" };
blocks["main#6"] = function (s, input) {
  return $.menu(s, input, "menu main@11:3", $c4, "main#4", "main#4");
};
var $k5 = $.constant({ type: "say", parts: [{ kind: "text", text: "Обратите внимание, для повышения качества обслуживания Ваш разговор будет записан. Дождитесь соединения с оператором." }], bargeIn: false, loc: { line: 17, column: 7 } });
blocks["main#7"] = function (s, input) {
  s.pc = "main#8"; return $k5;
};
var $k6 = $.constant({ type: "record", loc: { line: 18, column: 7 } });
blocks["main#8"] = function (s, input) {
  s.pc = "main#9"; return $k6;
};
var $k7 = $.constant({ type: "queue", queue: "tech-support", priority: 0, skills: [], maxWaitMs: 600000, announce: [{ kind: "text", text: "Все операторы на линии заняты. Приблизительное время ожидания для соединения " }, { kind: "ewt" }, { kind: "text", text: " мин." }], announceEveryMs: 30000, music: "default", handlesOverflow: true, loc: { line: 19, column: 7 } });
blocks["main#9"] = function (s, input) {
  s.pc = "main#10"; return $k7;
};
blocks["main#10"] = function (s, input) {
  return $.queue(s, input, "main#12");
};
var $k8 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 22, column: 24 } });
blocks["main#12"] = function (s, input) {
  s.pc = "$end"; return $k8;
};
var $k9 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 23, column: 13 } });
blocks["main#13"] = function (s, input) {
  s.pc = "$end"; return $k9;
};
blocks["step balance"] = function (s, input) {
  s.step = "balance";
  delete s.counters["ask contract@30:5"];
  s.pc = "step balance#1"; return null;
};
var $k10 = $.constant({ type: "collect", prompt: [{ kind: "text", text: "Наберите, пожалуйста, цифровой номер вашего договора и нажмите клавишу «#»." }], min: 4, max: 12, terminator: "#", firstTimeoutMs: 10000, interDigitTimeoutMs: 5000, pattern: null, secret: false, validKeys: null, loc: { line: 30, column: 5 } });
blocks["step balance#1"] = function (s, input) {
  s.pc = "step balance#5"; return $k10;
};
blocks["step balance#2"] = function (s, input) {
  delete s.counters["ask pin@33:5"];
  s.pc = "step balance#6"; return null;
};
blocks["step balance#3"] = function (s, input) {
  return $.repeat(s, "ask contract@30:5", 3, "step balance#1", "step balance#4");
};
var $k11 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 32, column: 24 } });
blocks["step balance#4"] = function (s, input) {
  s.pc = "$end"; return $k11;
};
blocks["step balance#5"] = function (s, input) {
  return $.ask(s, input, "ask contract@30:5", "contract", false, 4, 12, "step balance#2", "step balance#3", "step balance#3");
};
var $k12 = $.constant({ type: "collect", prompt: [{ kind: "text", text: "Введите свой личный PIN код и нажмите клавишу «#»." }], min: 4, max: 8, terminator: "#", firstTimeoutMs: 10000, interDigitTimeoutMs: 5000, pattern: null, secret: true, validKeys: null, loc: { line: 33, column: 5 } });
blocks["step balance#6"] = function (s, input) {
  s.pc = "step balance#10"; return $k12;
};
blocks["step balance#7"] = function (s, input) {
  s.pc = "step balance#11"; return { type: "data", source: "billing", operation: "balance", args: [$.v(s, "contract"), $.v(s, "pin")], loc: { line: 36, column: 5 } };
};
blocks["step balance#8"] = function (s, input) {
  return $.repeat(s, "ask pin@33:5", 3, "step balance#6", "step balance#9");
};
var $k13 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 35, column: 24 } });
blocks["step balance#9"] = function (s, input) {
  s.pc = "$end"; return $k13;
};
blocks["step balance#10"] = function (s, input) {
  return $.ask(s, input, "ask pin@33:5", "pin", true, 4, 8, "step balance#7", "step balance#8", "step balance#8");
};
blocks["step balance#11"] = function (s, input) {
  return $.data(s, input, "account", "step balance#12", "step balance#13");
};
blocks["step balance#12"] = function (s, input) {
  s.pc = ($.v(s, "account") == null) ? "step balance#15" : "step balance#14"; return null;
};
var $k14 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 37, column: 19 } });
blocks["step balance#13"] = function (s, input) {
  s.pc = "$end"; return $k14;
};
blocks["step balance#14"] = function (s, input) {
  s.pc = "step balance#19"; return { type: "say", parts: $.speak(["На вашем личном счету ", $.fn.money($.get($.v(s, "account"), "balance"), $.get($.v(s, "account"), "currency")), "."]), bargeIn: false, loc: { line: 41, column: 5 } };
};
var $k15 = $.constant({ type: "say", parts: [{ kind: "text", text: "Номер договора или PIN код указаны неверно." }], bargeIn: false, loc: { line: 39, column: 7 } });
blocks["step balance#15"] = function (s, input) {
  s.pc = "step balance#16"; return $k15;
};
blocks["step balance#16"] = function (s, input) {
  return $.retry(s, "retry balance@40:7", 3, "step balance", "step balance#18");
};
var $k16 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 40, column: 43 } });
blocks["step balance#18"] = function (s, input) {
  s.pc = "$end"; return $k16;
};
var $k17 = $.constant({ type: "hangup", loc: { line: 42, column: 5 } });
blocks["step balance#19"] = function (s, input) {
  s.pc = "$end"; return $k17;
};
var $k18 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 7, column: 15 } });
blocks["$fallback"] = function (s, input) {
  $.unwind(s);
  s.pc = "$end"; return $k18;
};
var $k19 = $.constant({ type: "say", parts: [{ kind: "text", text: "Извините, произошла техническая ошибка. Соединяем Вас с оператором." }], bargeIn: false, loc: { line: 3, column: 6 } });
blocks["$default"] = function (s, input) {
  s.pc = "$default#1"; return $k19;
};
var $k20 = $.constant({ type: "queue", queue: "general", priority: 0, skills: [], maxWaitMs: null, announce: null, announceEveryMs: null, music: null, handlesOverflow: false, loc: { line: 3, column: 6 } });
blocks["$default#1"] = function (s, input) {
  s.pc = "$end"; return $k20;
};
var $k21 = $.constant({ type: "hangup", loc: { line: 3, column: 6 } });
blocks["$end"] = function (s, input) {
  s.pc = "$end"; return $k21;
};
return $.flow(meta, blocks);
})();
